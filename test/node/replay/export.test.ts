/**
 * Replay export through the app's API: the page carries every event of the stretch with its
 * session's state (the live reducer's), and a redacted export contains none of what was
 * redacted anywhere in the file: the whole file is scanned, not just its data.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FleetAt, HistorySpan } from '@shared/contract/replay'
import type { CanonicalEvent } from '@shared/events'
import type { ExportDocument } from '../../../src/main/core/replay/export/export-format'
import type { ReplayExport } from '../../../src/main/core/replay/export/replay-export'
import { startTestCore, type TestCore } from '../../support/core'
import { fleetPayloads } from '../../support/replay-stream'
import { common } from '../pipeline/payloads'

type ExportAnswer = ReplayExport

/** Secrets of every kind the history below leaks, each in a different field. */
const SECRETS = {
  anthropicKey: 'sk-ant-api03-Zq8vX2mN4pL6kJ9hG3fD1sA7-w5e',
  bearer: 'tok9Qm2Xv7Lr4Np8Ks3',
  privateKey: 'MIIEowIBAAKCAQEA7bq9xYz',
  password: 'hunter2hunter2',
  awsKey: 'AKIAQWERTYUIOPASDFGH',
}
/** What the user asks to redact besides: a client's name and a ticket pattern. */
const CLIENT = 'Orbital Dynamics'
const CLIENT_FOLDER = '/home/dev/orbital-dynamics-portal'
const TICKET = /ORB-\d{4}/
const OUTPUT_MARKER = 'unique-tool-output-7f3a'

const A = 'export-agent-a'
const B = 'export-agent-b'

function leakyHistory(): Record<string, unknown>[] {
  const at = (sid: string, hook: string, extra: Record<string, unknown> = {}) => ({
    ...common(sid, hook, extra),
    prompt_id: `${sid}-turn`,
  })
  return [
    { ...common(A, 'SessionStart', { source: 'startup' }), prompt_id: undefined },
    {
      ...common(B, 'SessionStart', { source: 'startup', cwd: CLIENT_FOLDER }),
      prompt_id: undefined,
    },
    at(A, 'UserPromptSubmit', {
      prompt: `Deploy for ${CLIENT} (ORB-4521) with ANTHROPIC_API_KEY ${SECRETS.anthropicKey}`,
    }),
    at(A, 'PreToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_a1',
      tool_input: { command: `curl -H "Authorization: Bearer ${SECRETS.bearer}" localhost` },
    }),
    at(A, 'PostToolUse', {
      tool_name: 'Bash',
      tool_use_id: 'toolu_a1',
      tool_input: { command: 'cat id_rsa' },
      tool_response: {
        stdout: `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.privateKey}\n-----END RSA PRIVATE KEY-----\n${OUTPUT_MARKER}`,
        stderr: '',
      },
      duration_ms: 12,
    }),
    at(B, 'UserPromptSubmit', { prompt: 'Check the orbital dynamics config', cwd: CLIENT_FOLDER }),
    at(B, 'PreToolUse', {
      tool_name: 'Read',
      tool_use_id: 'toolu_b1',
      cwd: CLIENT_FOLDER,
      tool_input: { file_path: `${CLIENT_FOLDER}/.env` },
    }),
    at(B, 'PostToolUseFailure', {
      tool_name: 'Read',
      tool_use_id: 'toolu_b1',
      cwd: CLIENT_FOLDER,
      tool_input: { file_path: `${CLIENT_FOLDER}/.env` },
      error: `DB_PASSWORD=${SECRETS.password} AWS_ID=${SECRETS.awsKey}`,
      duration_ms: 3,
    }),
    at(A, 'Stop', { last_assistant_message: `Deployed ORB-4521 for ${CLIENT}.` }),
    at(B, 'StopFailure', {
      error: 'rate_limit',
      error_details: `429 for ${CLIENT}`,
      cwd: CLIENT_FOLDER,
    }),
  ]
}

const REDACT_ALL = {
  strings: [CLIENT, CLIENT_FOLDER],
  patterns: [TICKET.source],
  secrets: true,
  toolOutputs: true,
}
const REDACT_NOTHING = { strings: [], patterns: [], secrets: false, toolOutputs: false }

/** The document inlined in an exported page. */
function documentOf(html: string): ExportDocument {
  const m = /<script type="application\/json" id="atelier-replay-data">([\s\S]*?)<\/script>/.exec(
    html,
  )
  expect(m).not.toBeNull()
  return JSON.parse(m![1]) as ExportDocument
}

/** Every form a string could take in the file: as is, and as JSON writes it. */
const forms = (s: string) => [s, JSON.stringify(s).slice(1, -1)].map((f) => f.toLowerCase())

let t: TestCore
let span: HistorySpan
let stored = 0
beforeAll(async () => {
  t = await startTestCore()
  const payloads = [...leakyHistory(), ...fleetPayloads(3, 4, 77)]
  for (const p of payloads) expect((await t.hook(p)).status).toBe(200)
  span = (await t.api<{ span: HistorySpan }>('replay.span')).span
  stored = span.lastSeq - span.firstSeq + 1
})
afterAll(async () => {
  await t?.close()
})

describe('replay export', () => {
  it('carries every event of the stretch, each with its session state as the live app folded it', async () => {
    const out = await t.api<ExportAnswer>('replay.export', {
      from: span.firstTs,
      to: span.lastTs,
      redact: REDACT_NOTHING,
    })
    expect(out.fileName).toMatch(/^atelier-replay-\d{4}-\d{2}-\d{2}-\d{4}-\d{4}\.html$/)
    expect(out.bytes).toBe(Buffer.byteLength(out.html))
    const doc = documentOf(out.html)
    expect(doc.frames).toHaveLength(stored)
    expect(out.events).toBe(stored)
    expect(doc.sessions).toHaveLength(5)
    expect(out.sessions).toBe(5)
    // The stretch opens with the first event: nobody had started before it.
    expect(doc.initial.every((v) => v === null)).toBe(true)
    // Each session's last frame is the state the seeker rebuilds at the end of the stretch.
    const end = await t.api<FleetAt>('replay.stateAt', { at: span.lastTs })
    const lastView = new Map<number, string>()
    for (const f of doc.frames) lastView.set(f.s, f.view.state)
    expect([...lastView.values()].sort()).toEqual(end.sessions.map((s) => s.state).sort())
    // Unredacted, the leaks are all there (so the scan below can fail).
    for (const secret of [...Object.values(SECRETS), CLIENT, CLIENT_FOLDER, OUTPUT_MARKER])
      expect(out.html).toContain(secret)
    expect(out.redactions).toBe(0)
  })

  it('starts a stretch from the fleet as it stood at its first instant', async () => {
    const stretch = async (from: number) =>
      documentOf(
        (
          await t.api<ExportAnswer>('replay.export', {
            from,
            to: span.lastTs,
            redact: REDACT_NOTHING,
          })
        ).html,
      )
    const all = await stretch(span.firstTs)
    const middle = all.frames[Math.floor(all.frames.length / 2)]
    const at = await t.api<FleetAt>('replay.stateAt', { at: middle.t - 1 })
    const part = await stretch(middle.t)
    expect(part.frames.length + at.seq - span.firstSeq + 1).toBe(stored)
    expect(part.initial.flatMap((v) => (v ? [v.state] : [])).sort()).toEqual(
      at.sessions.map((s) => s.state).sort(),
    )
  })

  it('keeps only the sessions asked for', async () => {
    const { events } = await t.api<{ events: CanonicalEvent[] }>('replay.events', {
      afterSeq: 0,
      to: span.lastTs,
      limit: 50,
    })
    const a = events.find((e) => e.agentSessionId === A)!.sessionId
    const out = await t.api<ExportAnswer>('replay.export', {
      from: span.firstTs,
      to: span.lastTs,
      sessionIds: [a],
      redact: REDACT_NOTHING,
    })
    const doc = documentOf(out.html)
    expect(doc.sessions).toHaveLength(1)
    expect(doc.frames.length).toBe(5)
    expect(out.html).not.toContain(CLIENT_FOLDER)
  })

  it('a redacted export contains none of the redacted strings anywhere in the file', async () => {
    const out = await t.api<ExportAnswer>('replay.export', {
      from: span.firstTs,
      to: span.lastTs,
      redact: REDACT_ALL,
    })
    const file = out.html.toLowerCase()
    for (const secret of [...Object.values(SECRETS), CLIENT, CLIENT_FOLDER, OUTPUT_MARKER])
      for (const form of forms(secret)) expect(file).not.toContain(form)
    expect(TICKET.test(out.html)).toBe(false)
    // Still a replay of the same history: every event, with the text around the secrets.
    const doc = documentOf(out.html)
    expect(doc.frames).toHaveLength(stored)
    expect(doc.redaction).toEqual({ strings: 2, patterns: 1, secrets: true, toolOutputs: true })
    expect(out.html).toContain(
      'Deploy for [redacted] ([redacted]) with ANTHROPIC_API_KEY [redacted]',
    )
    expect(out.redactions).toBeGreaterThan(8)
  })

  it('refuses a string that the player itself contains rather than break its promise', async () => {
    await expect(
      t.api('replay.export', {
        from: span.firstTs,
        to: span.lastTs,
        redact: { ...REDACT_NOTHING, strings: ['Skip idle'] },
      }),
    ).rejects.toMatchObject({ status: 409, body: { error: { field: 'redact.strings' } } })
  })

  it('refuses malformed requests with a clear error', async () => {
    await expect(
      t.api('replay.export', { from: 10, to: 5, redact: REDACT_NOTHING }),
    ).rejects.toMatchObject({ status: 400 })
    await expect(
      t.api('replay.export', {
        from: 0,
        to: 5,
        redact: { ...REDACT_NOTHING, patterns: ['(unclosed'] },
      }),
    ).rejects.toMatchObject({ status: 400 })
    await expect(
      t.api('replay.export', { from: 0, to: 5, redact: { ...REDACT_NOTHING, strings: ['ab'] } }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('has no save dialog in headless mode (the page downloads the file instead)', async () => {
    await expect(
      t.api('replay.saveExport', { from: span.firstTs, to: span.lastTs, redact: REDACT_ALL }),
    ).rejects.toMatchObject({ body: { error: { code: 'unavailable' } } })
  })
})

describe('replay export saved through a dialog', () => {
  it('writes the file where the dialog says, and nothing when it is cancelled', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atelier-export-'))
    const answers: (string | null)[] = [join(folder, 'chosen.html'), null]
    const asked: string[] = []
    const desk = await startTestCore({
      chooseSavePath: async (suggested) => {
        asked.push(suggested)
        return answers.shift() ?? null
      },
    })
    try {
      for (const p of leakyHistory()) expect((await desk.hook(p)).status).toBe(200)
      const { span: s } = await desk.api<{ span: HistorySpan }>('replay.span')
      const req = { from: s.firstTs, to: s.lastTs, redact: REDACT_ALL }
      const saved = await desk.api<{ path: string | null; bytes: number; fileName: string }>(
        'replay.saveExport',
        req,
      )
      expect(saved.path).toBe(join(folder, 'chosen.html'))
      expect(asked).toEqual([saved.fileName])
      const html = readFileSync(saved.path!, 'utf8')
      expect(Buffer.byteLength(html)).toBe(saved.bytes)
      expect(documentOf(html).frames).toHaveLength(10)
      for (const secret of Object.values(SECRETS)) expect(html).not.toContain(secret)
      const cancelled = await desk.api<{ path: string | null }>('replay.saveExport', req)
      expect(cancelled.path).toBeNull()
    } finally {
      await desk.close()
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
