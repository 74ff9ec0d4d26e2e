/**
 * The environment allow-list for every child process: what Claude Code, git and tmux need,
 * and nothing else from the app's own environment (tokens of other tools, editor state…).
 */

const EXACT = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'COLORTERM',
  'LANG',
  'TZ',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_CACHE_HOME',
  'XDG_RUNTIME_DIR',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'ALL_PROXY',
  'NODE_EXTRA_CA_CERTS',
  'GIT_SSH_COMMAND',
  'EDITOR',
  'VISUAL',
])

const PREFIXES = [
  'LC_',
  'ANTHROPIC_',
  'CLAUDE_',
  'DISABLE_',
  'AWS_',
  'GOOGLE_',
  'GCLOUD_',
  'CLOUDSDK_',
  'AZURE_',
  'VERTEX_',
  'OTEL_',
]

export function isAllowedEnvName(name: string): boolean {
  return EXACT.has(name) || PREFIXES.some((p) => name.startsWith(p))
}

/** Filters `source` through the allow-list, then applies `extra` (which always wins). */
export function buildChildEnv(
  extra: Record<string, string | undefined> = {},
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(source)) {
    if (v !== undefined && isAllowedEnvName(k)) env[k] = v
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}
