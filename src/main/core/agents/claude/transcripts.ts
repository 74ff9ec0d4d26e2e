/**
 * Whether Claude Code already has a transcript for a session id: then the next launch must
 * `--resume` it (a second `--session-id` fails), otherwise it must start with `--session-id`
 * (resuming an id without a transcript fails).
 */
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export function claudeConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLAUDE_CONFIG_DIR ?? join(env.HOME ?? homedir(), '.claude')
}

export function transcriptExists(
  claudeSessionId: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const projects = join(claudeConfigDir(env), 'projects')
  let dirs: string[]
  try {
    dirs = readdirSync(projects)
  } catch {
    return false
  }
  return dirs.some((d) => existsSync(join(projects, d, `${claudeSessionId}.jsonl`)))
}
