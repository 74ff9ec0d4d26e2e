/** One log for core and shell (src/main/core/log/logger.ts): levels, scopes, rotation, atelier.log. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createFileLogger, parseLogLevel } from '../../../src/main/core/log/logger'
import { startTestCore } from '../../support/core'

const dirs: string[] = []
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-log-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const lines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').filter(Boolean)

describe('the file logger', () => {
  it('writes one line per entry at or above its level, tagged with the child scope', () => {
    const file = join(scratch(), 'logs', 'atelier.log')
    const log = createFileLogger(file, { level: 'info' })
    log.debug('not written')
    log.info('started', 42)
    log.child('shell').warn('careful: %s', 'x')
    log.child('store').child('writer').error(new Error('boom'))
    const written = lines(file)
    expect(written[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}started 42$/)
    expect(written[1]).toMatch(/WARN {2}\[shell\] careful: x$/)
    expect(written[2]).toMatch(/ERROR \[store:writer\] Error: boom$/)
    expect(written.join('\n')).not.toMatch(/not written/)
    expect(log.file).toBe(file)
  })

  it('rotates past its size cap, keeping a bounded number of old files', () => {
    const dir = scratch()
    const file = join(dir, 'atelier.log')
    const log = createFileLogger(file, { rotateBytes: 200, keepRotated: 2 })
    for (let i = 0; i < 40; i++) log.info(`entry ${i} ${'x'.repeat(40)}`)
    expect(readdirSync(dir).sort()).toEqual(['atelier.log', 'atelier.log.1', 'atelier.log.2'])
    // Newest entries in the current file, older ones shifted down, the oldest gone.
    expect(lines(file).at(-1)).toMatch(/entry 39 /)
    const first = (f: string) => Number(/entry (\d+)/.exec(lines(f)[0])![1])
    expect(first(`${file}.2`)).toBeLessThan(first(`${file}.1`))
    expect(first(`${file}.1`)).toBeLessThan(first(file))
    expect(readFileSync(`${file}.2`, 'utf8')).not.toMatch(/entry 0 /)
  })

  it('never throws when its folder disappears', () => {
    const dir = scratch()
    const log = createFileLogger(join(dir, 'sub', 'atelier.log'))
    rmSync(join(dir, 'sub'), { recursive: true })
    expect(() => log.error('still fine')).not.toThrow()
  })

  it('reads its level from configuration, ignoring nonsense', () => {
    expect(parseLogLevel('DEBUG')).toBe('debug')
    expect(parseLogLevel(' warn ')).toBe('warn')
    expect(parseLogLevel('loud')).toBe('info')
    expect(parseLogLevel(undefined, 'error')).toBe('error')
  })
})

describe('the core’s log', () => {
  it('is atelier.log in the data folder, written from start-up on, and what app.info reports', async () => {
    const test = await startTestCore()
    dirs.push(test.dataDir)
    try {
      const file = join(test.dataDir, 'logs', 'atelier.log')
      expect(existsSync(file)).toBe(true)
      expect(lines(file).join('\n')).toMatch(/INFO {2}core test \(headless\) on 127\.0\.0\.1:\d+/)
      const info = await test.api<{ logFile: string }>('app.info')
      expect(info.logFile).toBe(file)
    } finally {
      await test.close()
    }
  })

  it('uses the logger it is given, so shell and core share one file', async () => {
    const file = join(scratch(), 'shared.log')
    const shared = createFileLogger(file)
    shared.child('shell').info('shell starts the core')
    const test = await startTestCore({ logger: shared })
    dirs.push(test.dataDir)
    try {
      expect(lines(file)[1]).toMatch(/INFO {2}core test/)
      expect(existsSync(join(test.dataDir, 'logs', 'atelier.log'))).toBe(false)
    } finally {
      await test.close()
    }
  })
})
