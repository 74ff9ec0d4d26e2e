import { describe, expect, it } from 'vitest'
import { parseLaunchArgs } from '../../../src/main/shell/desktop/argv'

// What Electron hands to 'second-instance': the executable, Chromium switches, then our words.
const electronArgv = [
  '/opt/Atelier/atelier',
  '--no-sandbox',
  '--enable-features=Foo',
  '--allow-file-access-from-files',
]

describe('parseLaunchArgs (second-instance forwarding)', () => {
  it('asks for nothing on a plain launch', () => {
    expect(parseLaunchArgs(electronArgv)).toEqual({ hidden: false })
    expect(parseLaunchArgs(['/usr/bin/electron', '/repo/out/main/index.js'])).toEqual({
      hidden: false,
    })
  })

  it('reads --session in both forms', () => {
    expect(parseLaunchArgs([...electronArgv, '--session', 'abc-123']).focusSessionId).toBe(
      'abc-123',
    )
    expect(parseLaunchArgs([...electronArgv, '--session=s_9']).focusSessionId).toBe('s_9')
  })

  it('reads a deep link', () => {
    expect(parseLaunchArgs([...electronArgv, 'atelier://session/abc-123']).focusSessionId).toBe(
      'abc-123',
    )
    expect(parseLaunchArgs(['atelier://session/abc-123/']).focusSessionId).toBe('abc-123')
  })

  it('rejects malformed ids and foreign links', () => {
    expect(parseLaunchArgs(['--session', '../../etc/passwd']).focusSessionId).toBeUndefined()
    expect(parseLaunchArgs(['--session']).focusSessionId).toBeUndefined()
    expect(parseLaunchArgs(['--session=']).focusSessionId).toBeUndefined()
    expect(parseLaunchArgs(['atelier://settings/abc']).focusSessionId).toBeUndefined()
    expect(parseLaunchArgs(['https://session/abc']).focusSessionId).toBeUndefined()
    expect(parseLaunchArgs(['atelier://session/a%2Fb']).focusSessionId).toBeUndefined()
  })

  it('does not consume the next switch as a session id', () => {
    expect(parseLaunchArgs(['--session', '--hidden'])).toEqual({ hidden: true })
  })

  it('reads --hidden (login launch) and keeps the last session asked for', () => {
    expect(parseLaunchArgs(['--hidden', '--session', 'a', 'atelier://session/b'])).toEqual({
      hidden: true,
      focusSessionId: 'b',
    })
  })
})
