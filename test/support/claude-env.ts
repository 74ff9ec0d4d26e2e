/**
 * A throwaway HOME and environment that let the real Claude Code CLI run offline against the
 * fake Messages API (docs/testing.md#the-real-cli-offline): no onboarding, API key approved, the test
 * folders trusted, and every non-essential network call switched off.
 */
import { mkdtemp, realpath, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const FAKE_API_KEY = 'sk-ant-api03-atelier-test-key-0123456789abcdefghij'

/** The pinned CLI shipped as a dev dependency; the platform package if the bin link is broken. */
export function claudeBinary(): string {
  return resolve('node_modules/.bin/claude')
}

export interface ClaudeTestEnv {
  home: string
  /** Pass as the spawn `env` (extra on top of the allow-list): overrides and removals. */
  env: Record<string, string | undefined>
}

export async function makeClaudeHome(trustedDirs: string[]): Promise<string> {
  const home = await realpath(await mkdtemp(join(tmpdir(), 'atelier-claude-home-')))
  const projects: Record<string, { hasTrustDialogAccepted: boolean }> = {}
  for (const dir of trustedDirs) projects[await realpath(dir)] = { hasTrustDialogAccepted: true }
  const config = {
    hasCompletedOnboarding: true,
    customApiKeyResponses: { approved: [FAKE_API_KEY.trim().slice(-20)], rejected: [] },
    projects,
  }
  await writeFile(join(home, '.claude.json'), JSON.stringify(config, null, 2))
  return home
}

/**
 * A bearer token shaped like a Claude gateway's (a JWT whose audience is `claude-gateway`;
 * unsigned: the CLI reads the audience, only a real gateway would check a signature). With it
 * the CLI treats ANTHROPIC_BASE_URL as a gateway and reads the unified rate-limit headers of
 * its replies into the status line's `rate_limits` (docs/usage.md#the-status-line).
 */
export function gatewayToken(): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const exp = Math.floor(Date.now() / 1000) + 24 * 3600
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'claude-gateway', sub: 'atelier-test', exp })}.test`
}

/** What keeps the real CLI offline and talking to the fake Messages API at `fakeApiBaseUrl`. */
export function offlineClaudeEnv(fakeApiBaseUrl: string): Record<string, string> {
  return {
    ANTHROPIC_BASE_URL: fakeApiBaseUrl,
    ANTHROPIC_API_KEY: FAKE_API_KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_MODEL_CATALOG: 'off',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    CLAUDE_CODE_MAX_RETRIES: '1',
  }
}

export interface ClaudeTestEnvOptions {
  /** Authenticate as behind a Claude gateway instead of with an API key. */
  gateway?: boolean
}

export async function claudeTestEnv(
  fakeApiBaseUrl: string,
  trustedDirs: string[],
  options: ClaudeTestEnvOptions = {},
): Promise<ClaudeTestEnv> {
  const home = await makeClaudeHome(trustedDirs)
  const env: Record<string, string | undefined> = {}
  // Nothing from the runner's own Claude/Anthropic setup may leak into the test CLI.
  for (const key of Object.keys(process.env)) {
    if (/^(ANTHROPIC_|CLAUDE_|CLAUDECODE)/.test(key)) env[key] = undefined
  }
  Object.assign(env, {
    HOME: home,
    ...offlineClaudeEnv(fakeApiBaseUrl),
    // Tripwire: anything that tries to leave through a proxy lands on the fake and is logged.
    HTTPS_PROXY: fakeApiBaseUrl,
    HTTP_PROXY: fakeApiBaseUrl,
    https_proxy: fakeApiBaseUrl,
    http_proxy: fakeApiBaseUrl,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  })
  if (options.gateway) {
    env.ANTHROPIC_API_KEY = undefined
    env.ANTHROPIC_AUTH_TOKEN = gatewayToken()
  }
  return { home, env }
}
