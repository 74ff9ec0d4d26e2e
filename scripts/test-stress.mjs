#!/usr/bin/env node
// `npm run test:stress`: the whole suite (`npm test`) three times in a row while two CPU-bound
// processes run beside it, as on a busy 2-core machine. Prints each run's closing
// "N passed, N failed" line and exits non-zero if any run failed. Tests wait for states, never
// for durations, so a loaded machine must not turn a run red.
import { spawn } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = 3
const HOGS = 2

/** A process that spins one core until it is killed. */
function startHog() {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
}

/** Runs `npm test`, echoing its output, and resolves with its exit code and closing line. */
function runSuite(run) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts/test-all.mjs')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let tail = ''
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      tail = (tail + chunk.toString()).slice(-4096)
    })
    child.on('close', (code, signal) => {
      const summary = /(\d+) passed, (\d+) failed\s*$/.exec(tail)?.[0] ?? 'no summary line'
      const failedSteps = /^failed: (.*)$/m.exec(tail)?.[1]
      resolve({ run, code: code ?? signal, summary, failedSteps })
    })
  })
}

const hogs = Array.from({ length: HOGS }, startHog)
const stopHogs = () => {
  for (const hog of hogs) if (hog.exitCode === null) hog.kill('SIGKILL')
}
process.on('exit', stopHogs)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHogs()
    process.exit(130)
  })
}

console.log(`test:stress: ${RUNS} runs of npm test beside ${HOGS} CPU-bound processes`)
const results = []
for (let run = 1; run <= RUNS; run++) {
  const started = Date.now()
  console.log(`\n##### stress run ${run}/${RUNS}`)
  const result = await runSuite(run)
  result.minutes = ((Date.now() - started) / 60_000).toFixed(1)
  results.push(result)
  console.log(`##### stress run ${run}/${RUNS}: ${result.summary} (${result.minutes} min)`)
}
stopHogs()

console.log('\ntest:stress results')
for (const r of results) {
  const detail = r.failedSteps ? ` — failed: ${r.failedSteps}` : ''
  console.log(`  run ${r.run}: ${r.summary}, exit ${r.code}, ${r.minutes} min${detail}`)
}
const green = results.filter((r) => r.code === 0).length
console.log(`${green} of ${RUNS} runs green`)
process.exitCode = green === RUNS ? 0 : 1
