/**
 * The statusLine command (bash alone): what it prints for Claude's status line, what it leaves in
 * the status file, and that nothing in the JSON can make the shell run anything.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProcess } from '../../../../src/main/core/process/spawn'
import { statusLineCommand } from '../../../../src/main/core/agents/claude/status-line-command'
import { findOnPath } from '../../../../src/main/core/util/find-on-path'
import { HANG_TIMEOUT_MS } from '../../../support/patience'

let dir: string
const bash = findOnPath('bash')!

beforeAll(async () => {
  // A quote and a space in the folder: the status file path must stay one shell word.
  dir = await mkdtemp(join(tmpdir(), "atelier-status 'line-"))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Runs the command as Claude Code does: a shell command line, the JSON on stdin. */
function run(input: string, statusFile: string, env: Record<string, string> = {}) {
  return runProcess('/bin/sh', ['-c', statusLineCommand(bash, statusFile)], {
    input,
    timeoutMs: HANG_TIMEOUT_MS,
    env,
  })
}

const claudeStatus = {
  hook_event_name: 'Status',
  session_id: 'c-1',
  cwd: '/repo',
  model: { id: 'claude-opus-5-5', display_name: 'Opus' },
  workspace: { current_dir: '/repo', project_dir: '/repo' },
  version: '2.1.332',
  output_style: { name: 'default' },
  cost: { total_cost_usd: 0.1234, total_duration_ms: 4000 },
  context_window: { used_percentage: 33.6, total_input_tokens: 1200, total_output_tokens: 90 },
}

describe('statusLine command', () => {
  it('prints model, cost and context use, and writes the JSON to the status file', async () => {
    const file = join(dir, 'a.json')
    const json = JSON.stringify(claudeStatus, null, 2)
    const r = await run(json, file)
    expect(r).toMatchObject({ code: 0, stdout: 'Opus · $0.12 · ctx 34%\n', stderr: '' })
    expect(await readFile(file, 'utf8')).toBe(json)
  })

  it('prints only the parts present', async () => {
    const file = join(dir, 'b.json')
    expect((await run('{"cost":{"total_cost_usd":2}}', file)).stdout).toBe('$2.00\n')
    expect((await run('{"context_window":{"used_percentage":7}}', file)).stdout).toBe('ctx 7%\n')
    expect((await run('{"session_id":"x"}', file)).stdout).toBe('\n')
    expect(await readFile(file, 'utf8')).toBe('{"session_id":"x"}')
  })

  it('leaves the file alone on empty input and stays silent when it cannot write', async () => {
    const file = join(dir, 'c.json')
    expect(await run('', file)).toMatchObject({ code: 0, stdout: '\n', stderr: '' })
    expect(existsSync(file)).toBe(false)
    const r = await run(JSON.stringify(claudeStatus), join(dir, 'missing-folder', 'x.json'))
    expect(r).toMatchObject({ code: 0, stdout: 'Opus · $0.12 · ctx 34%\n', stderr: '' })
  })

  it('treats every value as text: nothing in the JSON is run', async () => {
    const file = join(dir, 'd.json')
    const marker = join(dir, 'pwned')
    const hostile = {
      model: { display_name: `$(touch ${marker})\`touch ${marker}\`'; touch ${marker}` },
      cost: { total_cost_usd: `$(touch ${marker})` },
    }
    const r = await run(JSON.stringify(hostile), file)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${hostile.model.display_name}\n`)
    expect(existsSync(marker)).toBe(false)
  })

  it("runs none of the user's bash start-up code", async () => {
    // Node hands stdin over as a socket, so without --norc bash would take itself for an ssh
    // session and read ~/.bashrc; $BASH_ENV and exported functions are skipped by -p.
    const home = join(dir, 'home')
    const marker = join(dir, 'startup-ran')
    await mkdir(home)
    await writeFile(join(home, '.bashrc'), `touch '${marker}'\necho from-bashrc\n`)
    await writeFile(join(dir, 'bash-env'), `touch '${marker}'\necho from-bash-env\n`)
    const r = await run('{"cost":{"total_cost_usd":1}}', join(dir, 'e.json'), {
      HOME: home,
      BASH_ENV: join(dir, 'bash-env'),
      'BASH_FUNC_printf%%': '() { echo hijacked; }',
    })
    expect(r).toMatchObject({ code: 0, stdout: '$1.00\n', stderr: '' })
    expect(existsSync(marker)).toBe(false)
  })
})
