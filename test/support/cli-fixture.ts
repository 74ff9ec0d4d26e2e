/** Shared setup for tests that run the real CLI: fake API, hook sink, shim, a trusted temp git repo. */
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runProcess } from '../../src/main/core/process/spawn'
import { claudeVersion } from '../../src/main/core/agents/claude/find-claude'
import { claudeBinary, claudeTestEnv } from './claude-env'
import { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions } from './fake-anthropic'
import { buildHookShim } from './hook-shim-build'
import { startHookSink, type HookSink } from './hook-sink'

export interface CliFixture {
  api: FakeAnthropic
  sink: HookSink
  repo: string
  /** The throwaway HOME the CLI runs with (its ~/.claude.json is there). */
  home: string
  dataDir: string
  env: Record<string, string | undefined>
  claudeBin: string
  claudeVersion: string
  shimPath: string
  /** The sink's certificate and Unix socket (see launchClaude). */
  certFile: string
  hookSocket: string
  dispose(): Promise<void>
}

export async function gitRepo(): Promise<string> {
  const repo = await realpath(await mkdtemp(join(tmpdir(), 'atelier-repo-')))
  await runProcess('git', ['init', '-q'], { cwd: repo })
  await writeFile(join(repo, 'README.md'), '# Demo repo\n')
  return repo
}

export interface CliFixtureOptions {
  api?: FakeAnthropicOptions
  /** The CLI authenticates as behind a Claude gateway (its status line then has rate_limits). */
  gateway?: boolean
  /**
   * Leave the repo out of the trusted folders: Claude Code then shows its trust screen before
   * anything else (docs/claude-files.md#folder-trust).
   */
  untrustedRepo?: boolean
}

export async function startCliFixture(options: CliFixtureOptions = {}): Promise<CliFixture> {
  const api = await startFakeAnthropic(options.api)
  const sink = await startHookSink()
  const repo = await gitRepo()
  const dataDir = await realpath(await mkdtemp(join(tmpdir(), 'atelier-data-')))
  const trusted = options.untrustedRepo ? [] : [repo]
  const { env, home } = await claudeTestEnv(api.baseUrl, trusted, { gateway: options.gateway })
  const claudeBin = claudeBinary()
  return {
    api,
    sink,
    repo,
    home,
    dataDir,
    env,
    claudeBin,
    claudeVersion: await claudeVersion(claudeBin),
    shimPath: await buildHookShim(),
    certFile: sink.certFile,
    hookSocket: sink.socket,
    async dispose() {
      await sink.close()
      await api.close()
      for (const dir of [repo, dataDir, home]) await rm(dir, { recursive: true, force: true })
    },
  }
}

/** The PermissionRequest answer that lets a tool run (docs/hook-contract.md#answers). */
export const ALLOW_PERMISSION = {
  hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } },
}
