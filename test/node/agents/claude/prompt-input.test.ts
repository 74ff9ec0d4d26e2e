import { describe, expect, it } from 'vitest'
import {
  promptInput,
  sanitizePrompt,
  sendPrompt,
} from '../../../../src/main/core/agents/claude/prompt-input'

describe('prompt input', () => {
  it('wraps the prompt in one bracketed paste and submits with a separate \\r', () => {
    expect(promptInput('fix the bug\nin main.ts')).toEqual({
      paste: '\x1b[200~fix the bug\nin main.ts\x1b[201~',
      submit: '\r',
    })
  })

  it('strips control characters but keeps newlines and tabs', () => {
    expect(sanitizePrompt('a\x1b[201~b\x03c\td\r\ne\rf\x9bg\x7f')).toBe('a[201~bc\td\ne\nfg')
  })

  it('cannot end the paste early: an embedded end marker loses its ESC', () => {
    const { paste } = promptInput('x\x1b[201~\rrm -rf /\r')
    // eslint-disable-next-line no-control-regex -- counting the paste-end escape sequence
    expect(paste.match(/\x1b\[201~/g)).toHaveLength(1)
    expect(paste.endsWith('\x1b[201~')).toBe(true)
  })

  it('rejects an empty prompt', () => {
    expect(() => promptInput(' \n\x07')).toThrow(/empty/)
  })

  it('writes the paste first and Enter last, in separate writes', async () => {
    const writes: string[] = []
    await sendPrompt((d) => writes.push(d), 'hello')
    expect(writes).toEqual(['\x1b[200~hello\x1b[201~', '\r'])
  })
})
