import { describe, expect, it } from 'vitest'
import { parseLaunchRequest } from '../../../src/main/shell/desktop/argv'

// What Electron hands to 'second-instance': the executable, Chromium switches, then our words.
const electronArgv = [
  '/opt/Atelier/atelier',
  '--no-sandbox',
  '--enable-features=Foo',
  '--allow-file-access-from-files',
]

describe('parseLaunchRequest (second-instance forwarding)', () => {
  it('asks for nothing on a plain launch', () => {
    expect(parseLaunchRequest(electronArgv)).toEqual({ hidden: false })
    expect(parseLaunchRequest(['/usr/bin/electron', '/repo/out/main/index.js'])).toEqual({
      hidden: false,
    })
  })

  it('reads --session in both forms', () => {
    expect(parseLaunchRequest([...electronArgv, '--session', 'abc-123']).focusSessionId).toBe(
      'abc-123',
    )
    expect(parseLaunchRequest([...electronArgv, '--session=s_9']).focusSessionId).toBe('s_9')
  })

  it('reads a deep link', () => {
    expect(parseLaunchRequest([...electronArgv, 'atelier://session/abc-123']).focusSessionId).toBe(
      'abc-123',
    )
    expect(parseLaunchRequest(['atelier://session/abc-123/']).focusSessionId).toBe('abc-123')
  })

  it('rejects malformed ids and foreign links', () => {
    expect(parseLaunchRequest(['--session', '../../etc/passwd']).focusSessionId).toBeUndefined()
    expect(parseLaunchRequest(['--session']).focusSessionId).toBeUndefined()
    expect(parseLaunchRequest(['--session=']).focusSessionId).toBeUndefined()
    expect(parseLaunchRequest(['atelier://settings/abc']).focusSessionId).toBeUndefined()
    expect(parseLaunchRequest(['https://session/abc']).focusSessionId).toBeUndefined()
    expect(parseLaunchRequest(['atelier://session/a%2Fb']).focusSessionId).toBeUndefined()
    // A malformed escape is ignored like any other bad link: it never throws (start-up calls this).
    for (const link of ['atelier://session/%E0', 'atelier://session/%', 'atelier://session/a%zz'])
      expect(parseLaunchRequest(['--hidden', link])).toEqual({ hidden: true })
  })

  it('does not consume the next switch as a session id', () => {
    expect(parseLaunchRequest(['--session', '--hidden'])).toEqual({ hidden: true })
  })

  it('reads --hidden (login launch) and keeps the last session asked for', () => {
    expect(parseLaunchRequest(['--hidden', '--session', 'a', 'atelier://session/b'])).toEqual({
      hidden: true,
      focusSessionId: 'b',
    })
  })
})
