/** The quoting that keeps session data away from shells and tmux's command parser. */
import { describe, expect, it } from 'vitest'
import { runProcess } from '../../../src/main/core/process/spawn'
import {
  commandLine,
  execCommandLine,
  quoteShellWord,
} from '../../../src/main/core/sessions/backends/posix-shell-quote'
import { escapeTmuxArgument } from '../../../src/main/core/sessions/backends/tmux-cli'
import { sendKeysCommands } from '../../../src/main/core/sessions/backends/tmux-keys'

const NASTY = [
  "it's",
  '$(touch pwned)',
  '`id`',
  'a;',
  ';',
  'x\ny',
  '*',
  '"q"',
  '\\',
  '',
  ' lead',
  '$HOME',
  '!x',
  'é✓',
]

describe('quoteShellWord', () => {
  it('round-trips every word through /bin/sh unchanged', async () => {
    const line = commandLine('printf', ['%s\\0', ...NASTY])
    const result = await runProcess('/bin/sh', ['-c', line])
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(NASTY)
  })

  it('wraps in single quotes and escapes quotes as close-escape-reopen', () => {
    expect(quoteShellWord("a'b")).toBe(`'a'\\''b'`)
    expect(execCommandLine('/bin/x', ['y'])).toBe(`exec '/bin/x' 'y'`)
  })

  it('refuses NUL bytes', () => {
    expect(() => quoteShellWord('a\0b')).toThrow(/NUL/)
  })
})

describe('tmux arguments', () => {
  it('escapes a trailing ";" so tmux does not read it as a command separator', () => {
    expect(escapeTmuxArgument('a;')).toBe('a\\;')
    expect(escapeTmuxArgument(';')).toBe('\\;')
    expect(escapeTmuxArgument('a\\;')).toBe('a\\\\;')
    expect(escapeTmuxArgument('a;b')).toBe('a;b')
  })

  it('sends text literally and control characters as named keys', () => {
    expect(sendKeysCommands('s', 'hi\r')).toEqual([
      ['send-keys', '-t', 's', '-l', '--', 'hi'],
      ['send-keys', '-t', 's', 'Enter'],
    ])
    expect(sendKeysCommands('s', '\x1b[200~a\nb\x1b[201~')).toEqual([
      ['send-keys', '-t', 's', 'Escape'],
      ['send-keys', '-t', 's', '-l', '--', '[200~a'],
      ['send-keys', '-t', 's', 'C-j'],
      ['send-keys', '-t', 's', '-l', '--', 'b'],
      ['send-keys', '-t', 's', 'Escape'],
      ['send-keys', '-t', 's', '-l', '--', '[201~'],
    ])
    expect(sendKeysCommands('s', '\x03\x01\t\x7f')).toEqual([
      ['send-keys', '-t', 's', 'C-c', 'C-a', 'Tab', 'BSpace'],
    ])
    expect(sendKeysCommands('s', '')).toEqual([])
  })
})
