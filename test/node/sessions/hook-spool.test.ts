/**
 * The hook spool: the async command Claude Code runs (bash execs cat into a time-named file) and
 * the reader that hands the files to the ingest in the order Claude started the hooks. Every wait
 * is for a state (a file, a handled hook), never for a duration.
 */
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bashCanSpool,
  SPOOL_FILE_RE,
  spoolHook,
} from '../../../src/main/core/agents/claude/spool-hook-command'
import { HookSpoolReader, PARTIAL_GIVE_UP_MS } from '../../../src/main/core/sessions/hook-spool'
import { runProcess } from '../../../src/main/core/process/spawn'
import { findOnPath } from '../../../src/main/core/util/find-on-path'
import { recordingLogger } from '../../support/recording-logger'
import { HANG_TIMEOUT_MS } from '../../support/patience'
import { waitFor } from '../../support/core'

const bash = findOnPath('bash')!
let dir: string

beforeEach(async () => {
  // A quote and a space: the folder must stay one argument.
  dir = await mkdtemp(join(tmpdir(), "atelier-spool 'it-"))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

/** Runs the hook as Claude Code runs an exec-form command hook: no shell, the JSON on stdin. */
function runHook(input: string) {
  const hook = spoolHook(bash, dir)
  return runProcess(hook.command, hook.args, { input, timeoutMs: HANG_TIMEOUT_MS })
}

describe('the spool command', () => {
  it('copies the hook JSON, whatever its size, into a file named by its start time', async () => {
    expect(await bashCanSpool(bash)).toBe(true)
    const small = JSON.stringify({ hook_event_name: 'MessageDisplay', delta: "it's $(id) `x`" })
    expect(await runHook(small)).toMatchObject({ code: 0, stdout: '', stderr: '' })
    const big = JSON.stringify({ hook_event_name: 'PostToolBatch', blob: 'x'.repeat(3 << 20) })
    expect(await runHook(big)).toMatchObject({ code: 0 })
    const names = (await readdir(dir)).sort()
    expect(names).toHaveLength(2)
    for (const name of names) expect(SPOOL_FILE_RE.test(name)).toBe(true)
    const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))
    expect(new Set(texts)).toEqual(new Set([small, big]))
  })

  it('refuses a bash that cannot name the files', async () => {
    expect(await bashCanSpool('/nonexistent/bash')).toBe(false)
  })
})

describe('the spool reader', () => {
  let handled: unknown[]
  let reader: HookSpoolReader
  const log = recordingLogger()

  beforeEach(() => {
    handled = []
    reader = new HookSpoolReader(async (id, raw) => {
      handled.push({ id, ...(raw as object) })
    }, log)
  })
  afterEach(() => reader.close())

  const put = (name: string, body: unknown) =>
    writeFile(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body))

  it('hands over what was spooled before and after it started, in start order, and deletes it', async () => {
    // Written out of order; the names say the order Claude started the hooks in.
    await put('1700000001.000200.40.json', { n: 3 })
    await put('1700000000.999999.99.json', { n: 1 })
    await put('1700000001.000200.30.json', { n: 2 })
    await put('notes.txt', 'not a hook')
    reader.watch('s1', dir)
    await waitFor(() => handled.length === 3)
    expect(handled).toEqual([
      { id: 's1', n: 1 },
      { id: 's1', n: 2 },
      { id: 's1', n: 3 },
    ])
    await put('1700000002.000000.1.json', { n: 4 })
    await waitFor(() => handled.length === 4)
    await waitFor(async () => (await readdir(dir)).join() === 'notes.txt')
  })

  it('waits for a file still being written, and nothing behind it overtakes it', async () => {
    await put('1700000000.000001.1.json', '{"n": 1, "text": "half of i')
    await put('1700000000.000002.2.json', { n: 2 })
    reader.watch('s1', dir)
    // Retried while incomplete: the file behind it is still there, unhandled.
    await waitFor(async () => (await readdir(dir)).length === 2 && handled.length === 0)
    await put('1700000000.000001.1.json', { n: 1, text: 'half of it, now whole' })
    await waitFor(() => handled.length === 2)
    expect(handled.map((h) => (h as { n: number }).n)).toEqual([1, 2])
  })

  it('drops a file that never becomes JSON, and one that is too large to be a hook', async () => {
    await put('1700000000.000001.1.json', '{"broken": ')
    const old = (Date.now() - PARTIAL_GIVE_UP_MS - 1_000) / 1000
    await utimes(join(dir, '1700000000.000001.1.json'), old, old)
    await put('1700000000.000002.2.json', { n: 2 })
    reader.watch('s1', dir)
    await waitFor(() => handled.length === 1)
    expect(handled).toEqual([{ id: 's1', n: 2 }])
    await waitFor(async () => (await readdir(dir)).length === 0)
    expect(log.entries.some((e) => e.text.includes('never became whole JSON'))).toBe(true)
  })

  it('keeps going when a hook is refused', async () => {
    const refusing = new HookSpoolReader(async (_id, raw) => {
      if ((raw as { n: number }).n === 1) throw new Error('bad payload')
      handled.push(raw)
    }, log)
    await put('1700000000.000001.1.json', { n: 1 })
    await put('1700000000.000002.2.json', { n: 2 })
    refusing.watch('s1', dir)
    await waitFor(() => handled.length === 1)
    expect(handled).toEqual([{ n: 2 }])
    refusing.close()
  })
})
