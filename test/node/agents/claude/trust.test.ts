import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { LocalGitRunner } from '../../../../src/main/core/git/git-runner'
import { Semaphore } from '../../../../src/main/core/git/semaphore'
import {
  claudeConfigFile,
  folderTrust,
  recordFolderTrust,
  TrustNotRecordableError,
} from '../../../../src/main/core/agents/claude/trust'
import { updateSettingsObject } from '../../../../src/main/core/agents/claude/settings-file'
import { runProcess } from '../../../../src/main/core/process/spawn'

const git = new LocalGitRunner('git', new Semaphore(2))

let home: string
let env: NodeJS.ProcessEnv
let config: string

function folder(name: string): string {
  const dir = join(realpathSync(mkdtempSync(join(tmpdir(), 'atelier-trust-'))), name)
  mkdirSync(dir, { recursive: true })
  return dir
}

async function gitInit(dir: string, commit = false): Promise<void> {
  await runProcess('git', ['init', '-q'], { cwd: dir })
  if (commit)
    await runProcess(
      'git',
      ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'x'],
      { cwd: dir },
    )
}

function writeConfig(value: unknown, mode = 0o600): void {
  writeFileSync(config, JSON.stringify(value, null, 2))
  chmodSync(config, mode)
}

function readConfig(): { projects: Record<string, Record<string, unknown>> } & Record<
  string,
  unknown
> {
  return JSON.parse(readFileSync(config, 'utf8'))
}

beforeEach(() => {
  home = folder('home')
  env = { HOME: home }
  config = join(home, '.claude.json')
})

describe('folder trust', () => {
  it('finds the config in CLAUDE_CONFIG_DIR, else in HOME', () => {
    expect(claudeConfigFile({ HOME: '/h' })).toBe('/h/.claude.json')
    expect(claudeConfigFile({ HOME: '/h', CLAUDE_CONFIG_DIR: '/c' })).toBe('/c/.claude.json')
  })

  it('reads a folder as untrusted when there is no config, and writes nothing while reading', async () => {
    const cwd = folder('plain')
    expect(await folderTrust(cwd, { git, env })).toEqual({
      trusted: false,
      projectFolder: cwd,
      recordable: true,
    })
    expect(readdirSync(home)).toEqual([])
  })

  it('a folder is covered by its own entry or one above it (outside git)', async () => {
    const parent = folder('parent')
    const child = join(parent, 'child')
    mkdirSync(child)
    writeConfig({ projects: { [child]: { hasTrustDialogAccepted: false } } })
    expect((await folderTrust(child, { git, env })).trusted).toBe(false)
    writeConfig({ projects: { [parent]: { hasTrustDialogAccepted: true } } })
    expect((await folderTrust(child, { git, env })).trusted).toBe(true)
  })

  it('inside a repository the trust is recorded at its top, and a linked worktree records at the main repository', async () => {
    const repo = folder('repo')
    await gitInit(repo, true)
    const sub = join(repo, 'sub')
    mkdirSync(sub)
    expect((await folderTrust(sub, { git, env })).projectFolder).toBe(repo)
    const wt = `${repo}-wt`
    await runProcess('git', ['worktree', 'add', '-q', wt], { cwd: repo })
    expect((await folderTrust(wt, { git, env })).projectFolder).toBe(repo)
    writeConfig({ projects: { [repo]: { hasTrustDialogAccepted: true } } })
    expect((await folderTrust(sub, { git, env })).trusted).toBe(true)
    expect((await folderTrust(wt, { git, env })).trusted).toBe(true)
  })

  it('a folder reached through a symlink is recorded under its real path', async () => {
    const real = folder('real')
    const link = join(folder('links'), 'link')
    symlinkSync(real, link)
    await recordFolderTrust(link, { git, env })
    expect(readConfig().projects[real]).toEqual({ hasTrustDialogAccepted: true })
  })

  it('without consent nothing is written: reading trust leaves the file byte for byte', async () => {
    const cwd = folder('untouched')
    writeConfig({ keep: 1, projects: {} })
    const before = readFileSync(config, 'utf8')
    const mtime = statSync(config).mtimeMs
    await folderTrust(cwd, { git, env })
    expect(readFileSync(config, 'utf8')).toBe(before)
    expect(statSync(config).mtimeMs).toBe(mtime)
  })

  it('recording keeps every other key, every other project and the rest of the entry', async () => {
    const cwd = folder('keep')
    writeConfig({
      hasCompletedOnboarding: true,
      oauthAccount: { emailAddress: 'a@b' },
      futureKey: [1, { nested: true }],
      projects: {
        '/elsewhere': { allowedTools: ['Bash'], hasTrustDialogAccepted: true },
        [cwd]: { allowedTools: ['Read'], mcpServers: { x: {} }, hasTrustDialogAccepted: false },
      },
    })
    expect(await recordFolderTrust(cwd, { git, env })).toBe(true)
    expect(readConfig()).toEqual({
      hasCompletedOnboarding: true,
      oauthAccount: { emailAddress: 'a@b' },
      futureKey: [1, { nested: true }],
      projects: {
        '/elsewhere': { allowedTools: ['Bash'], hasTrustDialogAccepted: true },
        [cwd]: { allowedTools: ['Read'], mcpServers: { x: {} }, hasTrustDialogAccepted: true },
      },
    })
    expect((await folderTrust(cwd, { git, env })).trusted).toBe(true)
  })

  it('recording keeps the file mode and leaves no temporary file behind', async () => {
    const cwd = folder('mode')
    writeConfig({ projects: {} }, 0o640)
    await recordFolderTrust(cwd, { git, env })
    expect(statSync(config).mode & 0o777).toBe(0o640)
    expect(readdirSync(home)).toEqual(['.claude.json'])
  })

  it('a config file that did not exist is created private', async () => {
    const cwd = folder('fresh')
    await recordFolderTrust(cwd, { git, env })
    expect(statSync(config).mode & 0o777).toBe(0o600)
    expect(readConfig()).toEqual({ projects: { [cwd]: { hasTrustDialogAccepted: true } } })
  })

  it('an already trusted folder leaves the file untouched', async () => {
    const cwd = folder('already')
    writeConfig({ projects: { [cwd]: { hasTrustDialogAccepted: true } } })
    const mtime = statSync(config).mtimeMs
    expect(await recordFolderTrust(cwd, { git, env })).toBe(false)
    expect(statSync(config).mtimeMs).toBe(mtime)
  })

  it('a symlinked config (dotfiles) stays a symlink and its target is written', async () => {
    const cwd = folder('dot')
    const dotfiles = folder('dotfiles')
    const target = join(dotfiles, 'claude.json')
    writeFileSync(target, JSON.stringify({ mine: true }))
    symlinkSync(target, config)
    await recordFolderTrust(cwd, { git, env })
    expect(lstatSync(config).isSymbolicLink()).toBe(true)
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({
      mine: true,
      projects: { [cwd]: { hasTrustDialogAccepted: true } },
    })
  })

  it('a config that is not valid JSON is never overwritten', async () => {
    const cwd = folder('broken')
    writeFileSync(config, '{"projects": {')
    await expect(recordFolderTrust(cwd, { git, env })).rejects.toThrow(/not valid JSON/)
    expect(readFileSync(config, 'utf8')).toBe('{"projects": {')
  })

  it('the home folder is never recorded (Claude Code asks there every time)', async () => {
    expect((await folderTrust(home, { git, env })).recordable).toBe(false)
    await expect(recordFolderTrust(home, { git, env })).rejects.toBeInstanceOf(
      TrustNotRecordableError,
    )
    expect(readdirSync(home)).toEqual([])
  })

  it('a write by Claude Code while the edit was being made is kept: the edit is made again on it', () => {
    writeConfig({ projects: {} })
    let calls = 0
    updateSettingsObject(config, (current) => {
      calls++
      // The CLI saves its own state between our read and our write.
      if (calls === 1) writeFileSync(config, JSON.stringify({ projects: {}, numStartups: 7 }))
      return { ...current, added: true }
    })
    expect(calls).toBe(2)
    expect(readConfig()).toEqual({ projects: {}, numStartups: 7, added: true })
  })
})
