#!/usr/bin/env node
// `npm test`: lint, format check, typecheck (node + web), build, unit/component tests (vitest),
// end-to-end tests (node:test + Playwright on Debian Chromium). Prints one closing line
// "N passed, N failed" over every suite and exits non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules/.bin', name)
const only = process.argv.slice(2)
let passed = 0
let failed = 0
const failures = []

function step(name, cmd, args, opts = {}) {
  if (only.length && !only.includes(name)) return null
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...opts.env },
  })
  console.log(
    `=== ${name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return r.status === 0
}

function check(name, ok) {
  if (ok === null) return
  if (ok) passed++
  else {
    failed++
    failures.push(name)
  }
}

for (const tool of ['chromium', 'tmux']) {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
  if (!found)
    console.warn(
      `warning: ${tool} is not installed; tests that need it will fail. Install: apt-get install -y chromium tmux`,
    )
}

check('lint', step('lint', bin('eslint'), ['--max-warnings', '0', '.']))
check('format', step('format', bin('prettier'), ['--check', '.']))
check('typecheck', step('typecheck', 'npm', ['run', '--silent', 'typecheck']))
// The end-to-end tests read the scene through its probe, which only this build flag compiles in.
const built = step('build', bin('electron-vite'), ['build'], { env: { ATELIER_SCENE_PROBE: '1' } })
check('build', built)

if (!only.length || only.includes('unit')) {
  const out = join(root, '.vitest-results.json')
  rmSync(out, { force: true })
  const ok = step('unit', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}`,
  ])
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    if (r.numFailedTests > 0 || !ok) failures.push('unit')
    if (!ok && r.numFailedTests === 0) failed++ // a suite that failed to load counts
  } else {
    failed++
    failures.push('unit (no results)')
  }
}

if ((!only.length || only.includes('e2e')) && built !== false) {
  mkdirSync(join(root, 'test-results'), { recursive: true })
  const tap = join(root, 'test-results/e2e.tap')
  rmSync(tap, { force: true })
  const ok = step('e2e', process.execPath, ['scripts/run-e2e.mjs', `--tap=${tap}`])
  if (existsSync(tap)) {
    const text = readFileSync(tap, 'utf8')
    const p = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0)
    const f = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0)
    passed += p
    failed += f
    if (f > 0 || !ok) failures.push('e2e')
    if (!ok && f === 0) failed++
  } else {
    failed++
    failures.push('e2e (no results)')
  }
}

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
