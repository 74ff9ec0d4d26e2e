import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyExternalTarget } from '../../../src/main/shell/desktop/external-target'

describe('the openExternal chokepoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-ext-'))
  const file = join(dir, 'run-me.sh')
  writeFileSync(file, '#!/bin/sh\n')

  it('allows http(s) URLs', () => {
    expect(classifyExternalTarget('https://github.com/anthropics/claude-code')).toEqual({
      kind: 'url',
      url: 'https://github.com/anthropics/claude-code',
    })
    expect(classifyExternalTarget('http://127.0.0.1:3000/').kind).toBe('url')
  })

  it('allows existing folders, normalised', () => {
    expect(classifyExternalTarget(`${dir}/./`)).toEqual({ kind: 'folder', path: `${dir}/` })
  })

  it.each([
    ['a file (would launch its handler app)', () => file],
    ['a missing folder', () => join(dir, 'nope')],
    ['file: URLs', () => `file://${dir}`],
    ['javascript:', () => 'javascript:alert(1)'],
    ['custom schemes', () => 'vscode://file/etc/passwd'],
    ['smb shares', () => 'smb://evil/share'],
    ['relative paths', () => 'docs/readme'],
    ['credentials in URLs', () => 'https://user:pw@example.com/'],
    ['control characters', () => 'https://example.com/\n--flag'],
    ['empty', () => ''],
    ['huge', () => `https://example.com/${'a'.repeat(5000)}`],
  ])('refuses %s', (_label, target) => {
    expect(classifyExternalTarget(target()).kind).toBe('rejected')
  })
})
