import { chmod, mkdtemp, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  claudeVersion,
  ClaudeNotFoundError,
  findClaude,
} from '../../../../src/main/core/agents/claude/find-claude'

async function fakeBin(dir: string, name = 'claude'): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, name)
  await writeFile(path, '#!/bin/sh\necho "9.8.7 (Claude Code)"\n')
  await chmod(path, 0o755)
  return path
}

describe('findClaude', () => {
  it('prefers the setting, then ATELIER_CLAUDE_BIN, then PATH', async () => {
    const root = await mkdtemp(join(tmpdir(), 'atelier-find-'))
    const fromSetting = await fakeBin(join(root, 'setting'))
    const fromEnv = await fakeBin(join(root, 'env'))
    const onPath = await fakeBin(join(root, 'path2'))
    await mkdir(join(root, 'path1'))
    await mkdir(join(root, 'path1', 'claude')) // a directory named claude is skipped
    const PATH = ['relative/bin', join(root, 'path1'), join(root, 'path2')].join(':')
    expect(
      findClaude({ configured: fromSetting, env: { ATELIER_CLAUDE_BIN: fromEnv, PATH } }),
    ).toBe(fromSetting)
    expect(findClaude({ env: { ATELIER_CLAUDE_BIN: fromEnv, PATH } })).toBe(fromEnv)
    expect(findClaude({ env: { PATH } })).toBe(onPath)
  })

  it('fails with a clear error when nothing is found or a configured path is wrong', async () => {
    expect(() => findClaude({ env: { PATH: '/nonexistent' } })).toThrow(ClaudeNotFoundError)
    expect(() => findClaude({ env: { PATH: '' } })).toThrow(/ATELIER_CLAUDE_BIN/)
    expect(() => findClaude({ configured: 'claude', env: {} })).toThrow(/absolute path/)
    expect(() => findClaude({ env: { ATELIER_CLAUDE_BIN: '/nonexistent/claude' } })).toThrow(
      /not an executable/,
    )
  })

  it('reads the version of a binary and of the pinned CLI', async () => {
    const bin = await fakeBin(await mkdtemp(join(tmpdir(), 'atelier-ver-')))
    expect(await claudeVersion(bin)).toBe('9.8.7')
    expect(await claudeVersion(resolve('node_modules/.bin/claude'))).toBe('2.1.332')
  })
})
