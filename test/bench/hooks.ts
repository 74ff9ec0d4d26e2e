/**
 * Fail-open benchmark (not part of the test suite): `npm run bench:hooks`. Prints ONE JSON object
 * on stdout; progress goes to stderr. Runs the REAL Claude Code CLI offline (fake Messages API).
 *
 * What is measured, each against the app's hook endpoint being up, down (port closed) or hung
 * (accepts, never answers):
 *  - shim: how long the SessionStart shim of a managed session takes to give up and exit (its
 *    4 s budget plus Node's start-up);
 *  - turn: one four-tool turn in `acceptEdits` mode (no permission hook involved): ms from Enter
 *    until the reply is on screen, and ms from spawn until the input box is drawn. Hung hooks cost
 *    `perHookHungMs` each on average (target: no more than a report-only hook's timeout,
 *    TELEMETRY_HOOK_TIMEOUT_S; a running app answers them early, see docs/hook-contract.md#timing);
 *  - prompt: with the app stopped, ms from the fake API serving the Bash tool_use turn until
 *    Claude Code's own "Do you want to proceed?" is on screen (target < 1 s).
 *
 * Env: BENCH_HOOKS_SHIM_RUNS (default 5).
 */
import { randomUUID } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { finish } from '../../src/main/core/util/finish'
import { TELEMETRY_HOOK_TIMEOUT_S } from '../../src/main/core/agents/claude/hook-settings'

const ROOT = join(__dirname, '../..')
const SHIM_RUNS = Number(process.env.BENCH_HOOKS_SHIM_RUNS ?? 5)
/** The managed shim's 4 s budget (src/main/hook-shim.ts) plus Node's start-up. */
const TARGET_SHIM_MS = 4_500
const TARGET_PER_HOOK_MS = TELEMETRY_HOOK_TIMEOUT_S * 1000 + 500
const TARGET_PROMPT_MS = 1_000
const PROCEED = /Do\s*you\s*want\s*to\s*proceed\?/
/** Hard stop, so the benchmark always ends. */
const WATCHDOG_MS = 600_000

const log = (msg: string) => console.error(`hooks bench: ${msg}`)
const round = (v: number) => Math.round(v)

async function main(): Promise<void> {
  if (!process.env.TSX_TSCONFIG_PATH) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', __filename], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.e2e.json') },
      stdio: 'inherit',
    })
    finish(r.status ?? 1)
    return
  }
  const watchdog = setTimeout(() => {
    log(`watchdog fired after ${WATCHDOG_MS} ms`)
    finish(1)
  }, WATCHDOG_MS)
  const { runProcess } = await import('../../src/main/core/process/spawn')
  const { createPtyBackend } = await import('../../src/main/core/sessions/backends/pty')
  const { startCliFixture } = await import('../support/cli-fixture')
  const { launchClaude } = await import('../support/claude-session')
  const { closedPort, hungSocket, missingSocket, startBlackHole } =
    await import('../support/hook-sink')

  const fx = await startCliFixture()
  try {
    // --- shim ---
    const shimRun = async (socket: string) => {
      const started = performance.now()
      await runProcess(process.execPath, [fx.shimPath], {
        input: '{"hook_event_name":"SessionStart"}',
        env: {
          ATELIER_HOOK_SOCKET: socket,
          ATELIER_SESSION_ID: 'bench',
          ATELIER_SESSION_TOKEN: 'bench',
        },
      })
      return performance.now() - started
    }
    const shim: Record<string, number[]> = { down: [], hung: [] }
    log(`shim: ${SHIM_RUNS} runs each against a missing socket and a socket that never answers`)
    for (let i = 0; i < SHIM_RUNS; i++) {
      shim.down.push(await shimRun(missingSocket()))
      const hole = await hungSocket()
      try {
        shim.hung.push(await shimRun(hole.path))
      } finally {
        await hole.close()
      }
    }

    // --- turn ---
    /** A turn against a hung endpoint waits out every hook's timeout (about a dozen hooks). */
    const TURN_PATIENCE_MS = 60_000 + 20 * TELEMETRY_HOOK_TIMEOUT_S * 1000
    const timeTurn = async (hookPort: number) => {
      const session = await launchClaude({
        backend: createPtyBackend(),
        ...fx,
        cwd: fx.repo,
        hookPort,
        appSessionId: randomUUID(),
        permissionMode: 'acceptEdits',
      })
      try {
        const since = session.term.mark()
        await session.prompt('[[script:tools]] timing run')
        const started = performance.now()
        await session.term.waitFor(/All\s*four\s*tools\s*ran/, {
          since,
          timeoutMs: TURN_PATIENCE_MS,
        })
        return { readyMs: round(session.readyMs), turnMs: round(performance.now() - started) }
      } finally {
        await session.proc.kill()
      }
    }
    log('turn: baseline (hooks answered)')
    const baseline = await timeTurn(fx.sink.port)
    const turnHooks = fx.sink.calls.filter(
      (c) => c.path === '/hooks/claude' && c.body.hook_event_name !== 'SessionStart',
    ).length
    log('turn: endpoint down')
    const down = await timeTurn(await closedPort())
    log('turn: endpoint hung')
    const hole = await startBlackHole()
    let hung: { readyMs: number; turnMs: number }
    try {
      hung = await timeTurn(hole.port)
    } finally {
      await hole.close()
    }
    const perHookHungMs = round((hung.turnMs - baseline.turnMs) / turnHooks)

    // --- prompt with the app stopped ---
    log('prompt: app stopped, default permission mode')
    const session = await launchClaude({
      backend: createPtyBackend(),
      ...fx,
      cwd: fx.repo,
      hookPort: await closedPort(),
      permissionMode: 'default',
    })
    let promptMs: number
    try {
      const since = session.term.mark()
      await session.prompt('[[script:bash-write]] make the marker')
      await session.term.waitFor(PROCEED, { since })
      const shownAt = performance.now()
      const served = fx.api.requests.find((r) => r.script === 'bash-write' && r.step === 0)
      if (served?.repliedAt === undefined) throw new Error('the fake never served the tool_use')
      promptMs = round(shownAt - (fx.api.startedAt + served.repliedAt))
    } finally {
      await session.proc.kill()
    }

    const max = (v: number[]) => round(Math.max(...v))
    const median = (v: number[]) => round([...v].sort((a, b) => a - b)[v.length >> 1])
    const result = {
      claudeVersion: fx.claudeVersion,
      shim: {
        runs: SHIM_RUNS,
        downMs: { p50: median(shim.down), max: max(shim.down) },
        hungMs: { p50: median(shim.hung), max: max(shim.hung) },
        targetMs: TARGET_SHIM_MS,
      },
      turn: { baseline, down, hung, turnHooks, perHookHungMs, targetPerHookMs: TARGET_PER_HOOK_MS },
      appStoppedPromptMs: promptMs,
      targetPromptMs: TARGET_PROMPT_MS,
      met:
        max(shim.hung) <= TARGET_SHIM_MS &&
        perHookHungMs < TARGET_PER_HOOK_MS &&
        promptMs < TARGET_PROMPT_MS,
    }
    console.log(JSON.stringify(result, null, 2))
  } finally {
    clearTimeout(watchdog)
    await fx.dispose()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  finish(1)
})
