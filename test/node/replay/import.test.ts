/**
 * Opening an exported replay file: a real export (made by the app's own export) read back gives
 * the same stretch — every event, each with the state the file gives its session — and another
 * machine that opens it stores nothing of it (no events, no sessions, nothing in search).
 * Files that are not exports, of another format version, damaged, or too big are refused with a
 * clear 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  IMPORT_PART_CHARS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_PARTS,
  type HistorySpan,
  type ImportedReplay,
} from '@shared/contract/replay'
import { hueSlotOfHex } from '@shared/session-hues'
import type { ExportDocument } from '../../../src/main/core/replay/export/export-format'
import type { ReplayExport } from '../../../src/main/core/replay/export/replay-export'
import { importedReplay } from '../../../src/main/core/replay/import/imported-replay'
import { readExportPage } from '../../../src/main/core/replay/import/read-export'
import { FRAMES_PER_SLICE } from '../../../src/main/core/replay/import/slices'
import { startTestCore, type TestCore } from '../../support/core'
import { fleetPayloads } from '../../support/replay-stream'
import { common } from '../pipeline/payloads'

const REDACT_NOTHING = { strings: [], patterns: [], secrets: false, toolOutputs: false }
/** A word only the exported history holds, to look for in the importing machine's search. */
const MARKER = 'zebracorn'

function documentOf(html: string): ExportDocument {
  const m = /<script type="application\/json" id="atelier-replay-data">([^<]*)<\/script>/.exec(html)
  return JSON.parse(m![1]) as ExportDocument
}

type ImportAnswer = { done: false; received: number } | { done: true; replay: ImportedReplay }

/** Sends a file the way the window does: in order, in parts of at most `partChars`. */
async function importFile(
  core: TestCore,
  text: string,
  fileName = 'atelier-replay.html',
  partChars = IMPORT_PART_CHARS,
): Promise<ImportedReplay> {
  const parts = Math.max(1, Math.ceil(text.length / partChars))
  const upload = `up-${Math.random().toString(36).slice(2)}`
  let answer: ImportAnswer | undefined
  for (let part = 0; part < parts; part++) {
    answer = await core.api<ImportAnswer>('replay.import', {
      fileName,
      upload,
      part,
      parts,
      text: text.slice(part * partChars, (part + 1) * partChars),
    })
    expect(answer.done).toBe(part === parts - 1)
  }
  if (!answer?.done) throw new Error('the last part did not finish the import')
  return answer.replay
}

let a: TestCore
let b: TestCore
let span: HistorySpan
let whole: ReplayExport
beforeAll(async () => {
  ;[a, b] = await Promise.all([startTestCore(), startTestCore()])
  const marker = {
    ...common('import-marker', 'UserPromptSubmit', { prompt: `Roll out the ${MARKER} feature` }),
  }
  for (const p of [...fleetPayloads(3, 4, 21), marker]) expect((await a.hook(p)).status).toBe(200)
  span = (await a.api<{ span: HistorySpan }>('replay.span')).span
  whole = await a.api<ReplayExport>('replay.export', {
    from: span.firstTs,
    to: span.lastTs,
    redact: REDACT_NOTHING,
  })
})
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
})

describe('opening an exported replay', () => {
  it('gives back the stretch the file holds: its events, and each session state after each one', async () => {
    const doc = documentOf(whole.html)
    // Cut in seven parts, so the parts are put back together in order.
    const imported = await importFile(b, whole.html, 'fleet.html', Math.ceil(whole.html.length / 7))
    expect(imported.fileName).toBe('fleet.html')
    expect(imported.span).toEqual({
      firstSeq: 1,
      lastSeq: doc.frames.length,
      firstTs: doc.from,
      lastTs: doc.to,
    })
    expect(imported.sessions.map((s) => s.name)).toEqual(doc.sessions.map((s) => s.name))
    // Each session keeps the colour the file gives it (the app colours a zone by its hex).
    expect(imported.sessions.map((s) => hueSlotOfHex(s.zone!))).toEqual(
      doc.sessions.map((s) => s.hue),
    )
    expect(new Set(imported.sessions.map((s) => `${s.zone!.q},${s.zone!.r}`)).size).toBe(
      doc.sessions.length,
    )
    expect(imported.frames).toHaveLength(doc.frames.length)
    expect(imported.frames.length).toBe(span.lastSeq - span.firstSeq + 1)
    imported.frames.forEach(({ event, state }, i) => {
      const frame = doc.frames[i]
      const session = imported.sessions[frame.s]
      expect(event.seq).toBe(i + 1)
      expect(event.sessionId).toBe(session.id)
      expect(state.sessionId).toBe(session.id)
      const {
        sessionId: _s,
        cwd: _c,
        agent: _a,
        seq: _q,
        ...rest
      } = event as Record<string, unknown>
      expect(rest).toEqual(frame.event)
      expect({
        state: state.state,
        tool: state.tools[0]?.tool,
        subagents: Object.keys(state.subagents).length,
        failure: state.failure?.error,
      }).toEqual({
        state: frame.view.state,
        tool: frame.view.tool,
        subagents: frame.view.subagents,
        failure: frame.view.failure,
      })
    })
  })

  it('starts a later stretch from the states the file gives its sessions', async () => {
    const middle = documentOf(whole.html).frames[40].t
    const part = await a.api<ReplayExport>('replay.export', {
      from: middle,
      to: span.lastTs,
      redact: REDACT_NOTHING,
    })
    const doc = documentOf(part.html)
    const imported = await importFile(b, part.html)
    expect(doc.initial.some((v) => v !== null)).toBe(true)
    expect(imported.initial.seq).toBe(0)
    expect(imported.initial.at).toBe(middle)
    expect(
      imported.initial.sessions.map((s) => [
        imported.sessions.findIndex((x) => x.id === s.sessionId),
        s.state,
      ]),
    ).toEqual(doc.initial.flatMap((v, i) => (v ? [[i, v.state]] : [])))
  })

  it('stores nothing on the machine that opens it', async () => {
    // The exporting machine finds the marker (so the check below can fail).
    const found = await a.api<{ results: unknown[] }>('events.search', { query: MARKER })
    expect(found.results.length).toBeGreaterThan(0)
    await importFile(b, whole.html)
    expect((await b.api<{ span: HistorySpan | null }>('replay.span')).span).toBeNull()
    expect((await b.api<{ events: unknown[] }>('events.list', {})).events).toEqual([])
    expect((await b.api<{ sessions: unknown[] }>('sessions.list')).sessions).toEqual([])
    expect(
      (await b.api<{ results: unknown[] }>('events.search', { query: MARKER })).results,
    ).toEqual([])
  })
})

/** A page holding `data` where an export holds its document. */
const page = (data: unknown) =>
  `<!doctype html><html><body><script type="application/json" id="atelier-replay-data">${JSON.stringify(data)}</script></body></html>`

describe('reading a long file', () => {
  it('checks and rebuilds its frames a slice at a time, so the core serves others between', async () => {
    const doc = documentOf(whole.html)
    const frames = Array.from({ length: 3 * FRAMES_PER_SLICE }, () => doc.frames[0])
    let pauses = 0
    const pause = async () => {
      pauses++
    }
    const read = await readExportPage(page({ ...doc, frames }), pause)
    expect(read.frames).toHaveLength(frames.length)
    expect(pauses).toBe(2)
    const imported = await importedReplay(read, 'long.html', pause)
    expect(imported.frames).toHaveLength(frames.length)
    expect(pauses).toBe(4)
  })
})

describe('refusing what it cannot open', () => {
  const refusal = (text: string) =>
    importFile(b, text).then(
      () => null,
      (err: unknown) => err,
    )

  it('says a file is not an Atelier export: garbage, another HTML page, another format', async () => {
    for (const text of [
      'not html at all \u0000\u0001',
      '<!doctype html><html><head><title>Some page</title></head><body><script type="application/json" id="data">{"a":1}</script></body></html>',
      page({ format: 'someone-else', version: 1 }),
      '<script type="application/json" id="atelier-replay-data">{not json</script>',
    ])
      expect(await refusal(text)).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringMatching(/not an Atelier replay export/) } },
      })
    expect((await b.api<{ span: HistorySpan | null }>('replay.span')).span).toBeNull()
  })

  it('names an unsupported format version, and a damaged file', async () => {
    const doc = documentOf(whole.html)
    expect(await refusal(page({ ...doc, version: 2 }))).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/format version 2.*opens version 1/) } },
    })
    const damaged = { ...doc, frames: [{ ...doc.frames[0], s: doc.sessions.length }] }
    expect(await refusal(page(damaged))).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/damaged: frames\.0\.s/) } },
    })
  })

  it('refuses a file over the bound, by its parts and by its bytes', async () => {
    const tooMany = await b
      .api('replay.import', {
        fileName: 'huge.html',
        upload: 'huge',
        part: 0,
        parts: MAX_IMPORT_PARTS + 1,
        text: 'x',
      })
      .catch((err: unknown) => err)
    expect(tooMany).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } })
    // Multi-byte text can pass the parts' bound and still be over the bytes'.
    await expect(readExportPage('é'.repeat(MAX_IMPORT_BYTES / 2 + 1))).rejects.toThrow(
      /larger than 48 MB/,
    )
  })

  it('refuses parts out of order', async () => {
    const base = { fileName: 'f.html', upload: 'u1', parts: 3, text: 'abc' }
    await b.api('replay.import', { ...base, part: 0 })
    expect(
      await b.api('replay.import', { ...base, part: 2 }).catch((e: unknown) => e),
    ).toMatchObject({ status: 409 })
  })
})
