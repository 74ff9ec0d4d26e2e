/**
 * What a session on a remote host needs before its tmux pane starts (docs/remote-hosts.md, "How
 * hooks get back"): the host's loopback port that the shared ssh connection carries to the app's
 * TLS hook endpoint, the app's certificate and the session's hook settings in the session's 0700
 * folder there (both sent on ssh's stdin), and the environment naming them. The session's token
 * is in that environment only: the pane's launch file carries it to the host on ssh's stdin.
 */
import { readFile } from 'node:fs/promises'
import { posix } from 'node:path'
import type { SessionRecord } from '../store/session-store'
import { storedLaunchArgs } from '../agents/claude/launch-args'
import {
  buildHookSettings,
  EXTRA_CA_ENV,
  SESSION_ID_ENV,
  SESSION_TOKEN_ENV,
} from '../agents/claude/hook-settings'
import { hookTlsUrl } from '../agents/hook-routes'
import type { RemoteHost } from '../remote/ssh-backend'
import { REPORT_HOOK_TIMEOUT_S } from '../remote/remote-hook'

export interface RemoteLaunchInput {
  host: RemoteHost
  /** claude on the host, as its test found it. */
  claude: { path: string; version: string }
  record: SessionRecord
  token: string
  /** The app's TLS hook port here and its certificate file. */
  hooks: { tlsPort: number; certFile: string }
  permissionTimeoutS: number
  /**
   * This machine's Claude credentials, only for a host whose "Send my Claude credentials" switch
   * is on ({} otherwise): they join the pane's environment in the launch file, never an argument.
   */
  credentials: Record<string, string>
}

export interface RemoteLaunch {
  file: string
  args: string[]
  env: Record<string, string>
}

export async function prepareRemoteLaunch(input: RemoteLaunchInput): Promise<RemoteLaunch> {
  const { host, record } = input
  const dir = host.sessionDir(record.id)
  const trustFile = posix.join(dir, 'trust.pem')
  const settingsFile = posix.join(dir, 'settings.json')
  const port = await host.hookPort(input.hooks.tlsPort)
  await host.writePrivateFile(trustFile, await readFile(input.hooks.certFile, 'utf8'))
  const settings = buildHookSettings({
    port,
    claudeVersion: input.claude.version,
    shim: { command: '/bin/sh', args: [] },
    // Every hook fails open on the host and spools what it could not post (remote-hook.ts); a
    // held one gives up when the app's keepalive stops, and Claude asks in its terminal.
    report: {
      command: (event, role, waitS) => ({
        command: '/bin/sh',
        args: [
          host.reportScript,
          hookTlsUrl(port, 'claude'),
          trustFile,
          host.spoolFile(record.id),
          event,
          ...(role === 'decides' ? ['decide', String(waitS)] : []),
        ],
      }),
      timeoutS: REPORT_HOOK_TIMEOUT_S,
    },
    permissionTimeoutS: input.permissionTimeoutS,
  })
  await host.writePrivateFile(settingsFile, `${JSON.stringify(settings, null, 2)}\n`)
  const resume = await host.transcriptExists(record.claudeSessionId!)
  return {
    file: input.claude.path,
    args: storedLaunchArgs(record, settingsFile, resume),
    env: {
      ...input.credentials,
      [SESSION_ID_ENV]: record.id,
      [SESSION_TOKEN_ENV]: input.token,
      [EXTRA_CA_ENV]: trustFile,
    },
  }
}
