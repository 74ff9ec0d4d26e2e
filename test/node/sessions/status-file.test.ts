/** The app's side of the statusLine: a watched status file, read whole, reported once per change. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STATUS_FILE_NAME } from '../../../src/main/core/agents/claude/status-line-command'
import { StatusFileWatcher } from '../../../src/main/core/sessions/status-file'
import { waitFor } from '../../support/core'

let dir: string
let seen: { id: string; raw: unknown }[]
let watcher: StatusFileWatcher

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atelier-status-file-'))
  seen = []
  watcher = new StatusFileWatcher((id, raw) => seen.push({ id, raw }))
})
afterEach(async () => {
  watcher.close()
  await rm(dir, { recursive: true, force: true })
})

const file = () => join(dir, STATUS_FILE_NAME)

describe('status file watcher', () => {
  it('reports each new document written to the file (created after the watch began)', async () => {
    watcher.watch('s1', dir)
    await writeFile(file(), '{"cost":{"total_cost_usd":0.5}}')
    await waitFor(() => seen.length === 1)
    await writeFile(file(), '{"cost":{"total_cost_usd":0.75}}')
    await waitFor(() => seen.length === 2)
    expect(seen).toEqual([
      { id: 's1', raw: { cost: { total_cost_usd: 0.5 } } },
      { id: 's1', raw: { cost: { total_cost_usd: 0.75 } } },
    ])
  })

  it('skips a document caught half written, and other files in the folder', async () => {
    watcher.watch('s1', dir)
    await writeFile(join(dir, 'settings.json'), '{"other":true}')
    await writeFile(file(), '{"cost":{"total_')
    await writeFile(file(), '{"cost":{"total_cost_usd":1}}')
    await waitFor(() => seen.length === 1)
    // A later, different document still arrives: nothing was stuck on the broken one.
    await writeFile(file(), '{"cost":{"total_cost_usd":2}}')
    await waitFor(() => seen.length === 2)
    expect(seen.map((s) => s.raw)).toEqual([
      { cost: { total_cost_usd: 1 } },
      { cost: { total_cost_usd: 2 } },
    ])
  })

  it('reports nothing once unwatched, and ignores a folder that is gone', async () => {
    watcher.watch('s1', dir)
    watcher.unwatch('s1')
    watcher.watch('s2', join(dir, 'no-such-folder'))
    await writeFile(file(), '{"a":1}')
    // A second watcher on the same folder proves the write was observable.
    const other: unknown[] = []
    const probe = new StatusFileWatcher((_id, raw) => other.push(raw))
    probe.watch('probe', dir)
    await writeFile(file(), '{"a":2}')
    await waitFor(() => other.length === 1)
    probe.close()
    expect(seen).toEqual([])
  })
})
