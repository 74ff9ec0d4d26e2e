/** Finds the `claude` executable and asks it for its version. */
import { isAbsolute } from 'node:path'
import { findOnPath, isExecutableFile } from '../../util/find-on-path'
import { runProcess } from '../../process/spawn'

/** `claude --version` answers in about 15 ms with no network; allow for a cold disk. */
const VERSION_TIMEOUT_MS = 10_000

export class ClaudeNotFoundError extends Error {}

export interface FindClaudeOptions {
  /** From the app settings (`claudeBin`); wins over everything else. */
  configured?: string
  env?: NodeJS.ProcessEnv
}

function checkExplicit(path: string, source: string): string {
  if (!isAbsolute(path))
    throw new ClaudeNotFoundError(`${source} must be an absolute path, got "${path}"`)
  if (!isExecutableFile(path))
    throw new ClaudeNotFoundError(`${source} points to "${path}", which is not an executable file`)
  return path
}

/** Settings → ATELIER_CLAUDE_BIN → the first executable `claude` on PATH. */
export function findClaude(options: FindClaudeOptions = {}): string {
  const env = options.env ?? process.env
  if (options.configured) return checkExplicit(options.configured, 'The claudeBin setting')
  if (env.ATELIER_CLAUDE_BIN) return checkExplicit(env.ATELIER_CLAUDE_BIN, 'ATELIER_CLAUDE_BIN')
  const names = process.platform === 'win32' ? ['claude.exe', 'claude.cmd'] : ['claude']
  for (const name of names) {
    const found = findOnPath(name, env.PATH ?? '')
    if (found) return found
  }
  throw new ClaudeNotFoundError(
    'Claude Code was not found: install it (npm install -g @anthropic-ai/claude-code) or set its path in Settings or ATELIER_CLAUDE_BIN',
  )
}

/** "2.1.332" from `claude --version` ("2.1.332 (Claude Code)"). */
export async function claudeVersion(bin: string): Promise<string> {
  const result = await runProcess(bin, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS })
  const match = /(\d+\.\d+\.\d+)/.exec(result.stdout)
  if (result.code !== 0 || !match) {
    throw new Error(
      `"${bin} --version" did not print a version (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`,
    )
  }
  return match[1]
}
