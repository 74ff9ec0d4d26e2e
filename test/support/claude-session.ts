/**
 * Launches the real Claude Code CLI the way the app will: argv from agents/claude/launch-args, hooks from
 * hook-settings, the shim for SessionStart/statusLine, through a session backend.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { BackendProcess, SessionBackend } from '../../src/main/core/sessions/backends/types'
import { buildClaudeArgs } from '../../src/main/core/agents/claude/launch-args'
import {
  buildHookSettings,
  sessionHookEnv,
  shimCommand,
  writeHookSettings,
} from '../../src/main/core/agents/claude/hook-settings'
import { sendPrompt } from '../../src/main/core/agents/claude/prompt-input'
import { STATUS_FILE_NAME } from '../../src/main/core/agents/claude/status-line-command'
import { findOnPath } from '../../src/main/core/util/find-on-path'
import type { PermissionMode } from '../../src/shared/sessions'
import { captureTerminal, type TerminalCapture } from './terminal-capture'

/**
 * The input box footer of 2.1.332 ("⏸ manual mode on · ← for agents") once the UI accepts keys.
 * The UI draws by cursor moves, so the captured text may lack the spaces.
 */
export const UI_READY = /for\s*agents|for\s*shortcuts/

export interface ClaudeLaunchOptions {
  backend: SessionBackend
  claudeBin: string
  claudeVersion: string
  shimPath: string
  dataDir: string
  cwd: string
  env: Record<string, string | undefined>
  /** The TLS hook port, its certificate, and the shim's Unix socket. */
  hookPort: number
  certFile: string
  hookSocket: string
  appSessionId?: string
  claudeSessionId?: string
  resume?: boolean
  permissionMode?: PermissionMode
}

export interface LaunchedClaude {
  appSessionId: string
  claudeSessionId: string
  proc: BackendProcess
  term: TerminalCapture
  /** Where the statusLine command writes what Claude reported (cost, tokens, context). */
  statusFile: string
  /** ms from spawn until the input box was drawn. */
  readyMs: number
  prompt(text: string): Promise<void>
}

export async function launchClaude(o: ClaudeLaunchOptions): Promise<LaunchedClaude> {
  const appSessionId = o.appSessionId ?? randomUUID()
  const claudeSessionId = o.claudeSessionId ?? randomUUID()
  const sessionDir = join(o.dataDir, 'sessions', appSessionId)
  const settingsFile = join(sessionDir, 'claude-settings.json')
  const statusFile = join(sessionDir, STATUS_FILE_NAME)
  const bash = findOnPath('bash')
  if (!bash) throw new Error('bash is not on PATH: the statusLine needs it')
  await writeHookSettings(
    settingsFile,
    buildHookSettings({
      port: o.hookPort,
      claudeVersion: o.claudeVersion,
      shim: shimCommand(process.execPath, o.shimPath, false),
      statusLine: { bash, statusFile },
    }),
  )
  const args = buildClaudeArgs({
    claudeSessionId,
    resume: o.resume ?? false,
    permissionMode: o.permissionMode ?? 'default',
    settingsFile,
  })
  const started = performance.now()
  const proc = await o.backend.spawn({
    sessionKey: appSessionId,
    file: o.claudeBin,
    args,
    cwd: o.cwd,
    env: {
      ...o.env,
      ...sessionHookEnv(appSessionId, randomBytes(16).toString('hex'), o.hookSocket, o.certFile),
    },
    cols: 160,
    rows: 50,
  })
  const term = captureTerminal(proc)
  await term.waitFor(UI_READY)
  const readyMs = performance.now() - started
  return {
    appSessionId,
    claudeSessionId,
    proc,
    term,
    statusFile,
    readyMs,
    prompt: (text) => sendPrompt((d) => proc.write(d), text),
  }
}
