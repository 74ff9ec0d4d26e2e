/**
 * `npm run hooks -- install|uninstall|status [--data-dir DIR] [--port N]`: manages the opt-in
 * global hooks in ~/.claude/settings.json without starting the app.
 * `npm run token -- rotate|url [--data-dir DIR]`: replaces the app and observer tokens (through
 * the running app when there is one, else in the data folder), or prints a one-time URL for the
 * headless UI of the running app.
 * `npm run hosts -- list|add|trust|test|remove …`: the remote host list (hosts-command.ts),
 * through the running app when there is one, else on the data folder.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_HOOK_PORT } from '@shared/settings'
import type { HostEntry } from '@shared/hosts'
import {
  defaultSettingsFile,
  globalHookStatus,
  installGlobalHooks,
  stableRuntimePath,
  uninstallGlobalHooks,
} from './core/agents/claude/global-hooks'
import { hookSocketPath } from './core/http/hook-socket'
import { resolveDataDir } from './core/util/paths'
import { loadOrCreateToken, OBSERVER_TOKEN_FILE, replaceToken, TOKEN_FILE } from './core/util/token'
import { parseServerArgs } from './server-args'
import { hostsCommand, serviceApi, type HostsApi } from './hosts-command'

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  const args = parseServerArgs(rest.filter((a) => a !== 'rotate' && a !== 'url'))
  const dataDir = resolveDataDir(args.dataDir)
  const paths = { settingsFile: defaultSettingsFile(), hooksDir: join(dataDir, 'hooks') }
  const port = args.port ?? storedPort(dataDir) ?? DEFAULT_HOOK_PORT
  switch (command) {
    case 'token':
      return tokenCommand(rest[0], dataDir, port)
    case 'hosts':
      process.exitCode = await hostsCli(rest, dataDir, port)
      return
    case 'install': {
      loadOrCreateToken(dataDir, OBSERVER_TOKEN_FILE)
      const shimSource = join(__dirname, 'hook-shim.js')
      if (!existsSync(shimSource))
        throw new Error(`hook shim not built (${shimSource}); run "npm run build"`)
      const s = installGlobalHooks(paths, {
        shimSource,
        nodePath: stableRuntimePath(process.execPath, process.env),
        hookSocket: hookSocketPath(dataDir),
        tokenFile: join(dataDir, OBSERVER_TOKEN_FILE),
      })
      console.log(`installed Atelier hooks for ${s.events.length} events in ${s.settingsPath}`)
      if (s.backups.length) console.log(`backup: ${s.backups[s.backups.length - 1]}`)
      break
    }
    case 'uninstall': {
      const s = uninstallGlobalHooks(paths)
      console.log(
        `removed Atelier hooks from ${s.settingsPath}${s.events.length ? ` (still present: ${s.events.join(', ')})` : ''}`,
      )
      break
    }
    case 'status': {
      const s = globalHookStatus(paths)
      console.log(JSON.stringify(s, null, 2))
      break
    }
    default:
      console.error(
        'usage: npm run hooks -- install|uninstall|status [--data-dir DIR] [--port N]\n' +
          '       npm run token -- rotate|url [--data-dir DIR] [--port N]\n' +
          '       npm run hosts -- list|add|trust|test|remove … [--data-dir DIR] [--port N]',
      )
      process.exitCode = 2
  }
}

/** Calls a channel of the running app; undefined when no app answers on the port. */
async function callApp(
  port: number,
  token: string,
  channel: string,
  request: object = {},
): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(`http://127.0.0.1:${port}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    })
  } catch {
    return undefined
  }
  const body = (await res.json()) as { error?: { message: string } }
  if (!res.ok) throw new Error(body.error?.message ?? `the app answered ${res.status}`)
  return body
}

async function tokenCommand(sub: string | undefined, dataDir: string, port: number) {
  const token = loadOrCreateToken(dataDir, TOKEN_FILE)
  if (sub === 'rotate') {
    const answer = (await callApp(port, token, 'auth.rotate')) as { url: string | null } | undefined
    if (answer === undefined) {
      replaceToken(dataDir, TOKEN_FILE)
      replaceToken(dataDir, OBSERVER_TOKEN_FILE)
      console.log(`rotated the tokens in ${dataDir} (Atelier is not running)`)
    } else {
      console.log('rotated the tokens of the running app; open pages must use a new link')
      if (answer.url) console.log(answer.url)
    }
  } else if (sub === 'url') {
    const answer = (await callApp(port, token, 'auth.pageUrl')) as
      { url: string | null } | undefined
    if (answer === undefined) throw new Error(`no Atelier answers on 127.0.0.1:${port}`)
    if (!answer.url) throw new Error('the running Atelier serves no page (it is the desktop app)')
    console.log(answer.url)
  } else {
    console.error('usage: npm run token -- rotate|url [--data-dir DIR] [--port N]')
    process.exitCode = 2
  }
}

/**
 * The host commands go to the running app, whose host list and connections they then share;
 * with no app running, to a host service of their own on the data folder, whose ssh
 * connections end with the command.
 */
async function hostsCli(args: string[], dataDir: string, port: number): Promise<number> {
  const token = loadOrCreateToken(dataDir, TOKEN_FILE)
  const call = <T>(channel: string, body: object = {}) =>
    callApp(port, token, channel, body) as Promise<T | undefined>
  const print = (line: string) => console.log(line)
  const running = await call<{ hosts: HostEntry[] }>('hosts.list')
  if (running !== undefined) {
    const answer = async <T>(channel: string, body: object): Promise<T> => {
      const r = await call<T>(channel, body)
      if (r === undefined) throw new Error('the running app stopped answering')
      return r
    }
    const api: HostsApi = {
      list: async () => (await answer<{ hosts: HostEntry[] }>('hosts.list', {})).hosts,
      add: (req) => answer('hosts.add', req),
      confirmKey: (id, fingerprint) => answer('hosts.confirmKey', { id, fingerprint }),
      test: (id) => answer('hosts.test', { id }),
      update: (req) => answer('hosts.update', req),
      remove: async (id) => void (await answer('hosts.remove', { id })),
    }
    return hostsCommand(args, api, print)
  }
  // Loaded only here: the service starts processes, which the other commands never do.
  const { HostService } = await import('./core/remote/host-service')
  const service = new HostService({ dataDir })
  try {
    return await hostsCommand(args, serviceApi(service), print)
  } finally {
    await service.close()
  }
}

/** The hook port saved in settings, read without opening the database writer. */
function storedPort(dataDir: string): number | undefined {
  const portFile = join(dataDir, 'port')
  if (!existsSync(portFile)) return undefined
  const n = Number(readFileSync(portFile, 'utf8').trim())
  return Number.isInteger(n) && n > 0 ? n : undefined
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
