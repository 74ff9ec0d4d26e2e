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

  it('reveals existing folders and files (normalised) rather than opening them', () => {
    expect(classifyExternalTarget(`${dir}/./`)).toEqual({ kind: 'reveal', path: `${dir}/` })
    expect(classifyExternalTarget(file)).toEqual({ kind: 'reveal', path: file })
  })

  it.each([
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
