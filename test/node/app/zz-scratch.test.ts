import { afterAll, beforeAll, it } from 'vitest'
import { createPtyBackend } from '../../../src/main/core/sessions/backends/pty'
import { launchClaude } from '../../support/claude-session'
import { startCliFixture, type CliFixture } from '../../support/cli-fixture'
import { closedPort } from '../../support/hook-sink'

let fx: CliFixture
beforeAll(async () => { fx = await startCliFixture() })
afterAll(() => fx.dispose())
it('keys', async () => {
  const s = await launchClaude({ backend: createPtyBackend(), ...fx, cwd: fx.repo, hookPort: await closedPort() })
  await s.prompt('[[script:bash-write]] x')
  await s.term.waitFor(/Do\s*you\s*want\s*to\s*proceed/, { timeoutMs: 20000 })
  const t0 = performance.now()
  const m = s.term.mark()
  let done = false
  void s.term.waitFor(/Created\s*the\s*marker/, { timeoutMs: 15000, since: m }).then(() => { done = true; console.log('resolved at', performance.now() - t0) }, () => {})
  for (let i = 0; i < Number(process.env.N ?? 6) && !done; i++) {
    await new Promise((r) => setTimeout(r, Number(process.env.GAP ?? 1000)))
    if (done) break
    console.log('press', i, performance.now() - t0)
    s.proc.write(process.env.KEY === 'cr' ? '\r' : '1')
  }
  await new Promise((r) => setTimeout(r, 1000))
  console.log('after key', performance.now() - t0, JSON.stringify(s.term.text().slice(-600)))
  await s.proc.kill()
}, 60000)
