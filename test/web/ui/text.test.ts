/** The text helpers every label, card and feed row cuts and names paths with. */
import { describe, expect, it } from 'vitest'
import { baseName, truncate } from '@shared/text'
import { pillText, toolContext } from '@renderer/scene/tool-text'

describe('truncate', () => {
  it('keeps text up to the limit and marks a cut with one ellipsis character', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef')
    expect(truncate('abcdefg', 6)).toBe('abcdef…')
  })
})

describe('baseName', () => {
  it('takes the last part after either separator, ignoring trailing ones', () => {
    expect(baseName('/home/ana/src/app.ts')).toBe('app.ts')
    expect(baseName('/home/ana/src/')).toBe('src')
    expect(baseName('C:\\work\\notes.md')).toBe('notes.md')
    expect(baseName('plain')).toBe('plain')
  })

  it('gives the path itself when nothing follows a separator', () => {
    expect(baseName('/')).toBe('/')
    expect(baseName('')).toBe('')
  })
})

describe('workshop texts use the same helpers', () => {
  it('names the file and cuts long patterns and commands alike', () => {
    expect(pillText('Read', { file_path: '/repo/src/a.ts' })).toBe('a.ts')
    expect(pillText('Grep', { pattern: 'x'.repeat(25) })).toBe(`"${'x'.repeat(20)}…"`)
    expect(toolContext('Bash', { command: 'y'.repeat(40) })).toBe(`${'y'.repeat(30)}…`)
  })
})
