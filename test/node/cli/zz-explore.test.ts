import { mkdtemp, realpath, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { it } from 'vitest'
import { runProcess } from '../../../src/main/core/process/spawn'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import { startFakeAnthropic } from '../../../test/support/fake-anthropic'
import { startHookSink } from '../../../test/support/hook-sink'
import { claudeTestEnv } from '../../../test/support/claude-env'
import { buildHookShim } from '../../../test/support/hook-shim-build'
import { launchClaude } from '../../../test/support/claude-session'
import { plainText } from '../../../test/support/terminal-capture'

it('explore', async () => {
  const api = await startFakeAnthropic()
  const sink = await startHookSink()
  sink.setResponder((c) => c.body.hook_event_name === 'PermissionRequest' ? { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } } : undefined)
  const repo = await realpath(await mkdtemp(join(tmpdir(), 'atelier-repo-')))
  await runProcess('git', ['init', '-q'], { cwd: repo })
  await writeFile(join(repo, 'README.md'), '# Demo\n')
  const { env } = await claudeTestEnv(api.baseUrl, [repo])
  const c = await launchClaude({ backend: createPtyBackend(), claudeBin: resolve('node_modules/.bin/claude'), claudeVersion: '2.1.332', shimPath: await buildHookShim(), dataDir: repo + '-data', cwd: repo, env, hookPort: sink.port }).catch(e => { console.log(e.message); throw e })
  console.log('ready', c.readyMs)
  await c.prompt('[[script:tools]] run the tools\nsecond line')
  await sink.waitFor((x) => x.body.hook_event_name === 'Stop', 30000).catch(e => console.log(e.message))
  console.log(sink.calls.map(x => `${x.path} ${x.body.hook_event_name} ${x.body.tool_name ?? ''} ${x.headers['x-atelier-session']?.slice(0,8)} ${Math.round(x.at)}`).join('\n'))
  console.log(plainText(c.term.raw()).slice(-3000))
  console.log(api.requests.map(r => `${r.method} ${r.url} ${r.script} ${r.step}`).join('\n'), api.tripwire)
  await c.proc.kill()
}, 60000)
