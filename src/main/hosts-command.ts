/**
 * `npm run hosts -- list | add <target> [--identity FILE] [--label TEXT] | trust <host>
 * <fingerprint> | test <host> | credentials <host> on|off | observe <host> on|off | remove <host>`:
 * the host list from a terminal (docs/remote-hosts.md). <host> is a host's id or its target. The commands take an API — the
 * running app's channels, or the host service on the data folder when no app runs — so both
 * behave alike.
 */
import type { HostCheck, HostEntry } from '@shared/hosts'

export interface HostsApi {
  list(): Promise<HostEntry[]>
  add(req: {
    target: string
    label?: string
    identityFile?: string
  }): Promise<{ host: HostEntry; check: HostCheck }>
  confirmKey(id: string, fingerprint: string): Promise<HostCheck>
  test(id: string): Promise<HostCheck>
  update(req: { id: string; forwardCredentials?: boolean; observe?: boolean }): Promise<HostEntry>
  remove(id: string): Promise<void>
}

/** The host service as a HostsApi (the CLI with no app running; tests). */
export function serviceApi(service: {
  list(): HostEntry[]
  add: HostsApi['add']
  confirmKey: HostsApi['confirmKey']
  test: HostsApi['test']
  update: HostsApi['update']
  remove: HostsApi['remove']
}): HostsApi {
  return {
    list: () => Promise.resolve(service.list()),
    add: (req) => service.add(req),
    confirmKey: (id, fingerprint) => service.confirmKey(id, fingerprint),
    test: (id) => service.test(id),
    update: (req) => service.update(req),
    remove: (id) => service.remove(id),
  }
}

export const HOSTS_USAGE =
  'usage: npm run hosts -- list\n' +
  '       npm run hosts -- add <alias | user@host[:port]> [--identity FILE] [--label TEXT]\n' +
  '       npm run hosts -- trust <host> <SHA256:fingerprint>\n' +
  '       npm run hosts -- test <host>\n' +
  '       npm run hosts -- credentials <host> on|off\n' +
  '       npm run hosts -- observe <host> on|off\n' +
  '       npm run hosts -- remove <host>\n' +
  '  (<host> is an id from `list` or the target; also [--data-dir DIR] [--port N])'

/** Exit status of a command whose host answered but is not ready (so scripts can tell). */
export const EXIT_NOT_READY = 3
const EXIT_USAGE = 2

/** The words and --flags of the command line, without the app's own --data-dir/--port. */
function split(args: string[]): { words: string[]; flags: Map<string, string> } {
  const words: string[] = []
  const flags = new Map<string, string>()
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('--')) {
      words.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2)
    const value = eq >= 0 ? a.slice(eq + 1) : (args[++i] ?? '')
    flags.set(name, value)
  }
  return { words, flags }
}

export function describeCheck(check: HostCheck): string[] {
  switch (check.status) {
    case 'ready':
    case 'incomplete':
      return [
        `${check.status === 'ready' ? 'ready' : 'missing tools'}: ${check.message}`,
        ...(['tmux', 'git', 'claude'] as const).map((t) => {
          const tool = check.tools[t]
          return `  ${t.padEnd(7)}${tool.path ? `${tool.version ?? '?'}  (${tool.path})` : 'missing'}`
        }),
        `  home   ${check.home}`,
        `  round trip ${check.latencyMs} ms`,
      ]
    case 'host-key-unknown':
      return [
        `unknown host key: ${check.keyType} ${check.fingerprint}`,
        check.message,
        ...(check.canConfirm
          ? [`to trust it: npm run hosts -- trust <host> ${check.fingerprint}`]
          : []),
      ]
    default:
      return [`${check.status}: ${check.message}`]
  }
}

/** Whether the Claude sessions started by hand on the host are observed, and how it stands. */
export function describeObservation(host: HostEntry): string {
  if (!host.observe)
    return `${host.label}: Claude sessions started by hand there are not observed (no hooks of Atelier's there)`
  const o = host.observation
  if (o?.state === 'starting')
    return `${host.label}: observing, once the host answers${o.error ? ` (last try: ${o.error})` : ''}`
  return `${host.label}: Claude sessions started by hand there appear in Atelier (its hooks are in the host's ~/.claude/settings.json)`
}

/** What the host's sessions get of this machine's Claude credentials, by name only. */
export function describeCredentials(host: HostEntry): string {
  if (!host.forwardCredentials)
    return `${host.label}: sessions there use the host's own Claude login; nothing is sent`
  const names = host.credentialsAvailable
  return names.length === 0
    ? `${host.label}: would send your Claude credentials, but this machine's environment has none of them`
    : `${host.label}: new sessions there get ${names.join(', ')} from this machine (in the launch file, never in a command line)`
}

async function findHost(api: HostsApi, ref: string | undefined): Promise<HostEntry> {
  if (!ref) throw new UsageError('name the host (its id or target)')
  const hosts = await api.list()
  const byId = hosts.find((h) => h.id === ref)
  if (byId) return byId
  const byTarget = hosts.filter((h) => h.target === ref || h.label === ref)
  if (byTarget.length === 1) return byTarget[0]!
  if (byTarget.length > 1) throw new Error(`${ref} names ${byTarget.length} hosts: use an id`)
  throw new Error(`no host "${ref}" (npm run hosts -- list)`)
}

class UsageError extends Error {}

/** Runs one command; prints through `print`, answers the exit status. */
export async function hostsCommand(
  args: string[],
  api: HostsApi,
  print: (line: string) => void,
): Promise<number> {
  const { words, flags } = split(args)
  const [verb, ...rest] = words
  const finish = (check: HostCheck) => {
    for (const line of describeCheck(check)) print(line)
    return check.status === 'ready' ? 0 : EXIT_NOT_READY
  }
  try {
    switch (verb) {
      case 'list': {
        const hosts = await api.list()
        if (hosts.length === 0) print('no hosts')
        for (const h of hosts)
          print(
            `${h.id}  ${h.target}${h.label !== h.target ? `  (${h.label})` : ''}${h.identityFile ? `  key ${h.identityFile}` : ''}${h.forwardCredentials ? '  sends your Claude credentials' : ''}${h.observe ? '  observed' : ''}`,
          )
        return 0
      }
      case 'add': {
        if (!rest[0]) throw new UsageError('name the host to add')
        const identity = flags.get('identity')
        const label = flags.get('label')
        const { host, check } = await api.add({
          target: rest[0],
          ...(identity ? { identityFile: identity } : {}),
          ...(label ? { label } : {}),
        })
        print(`added ${host.id}  ${host.target}`)
        return finish(check)
      }
      case 'trust': {
        const host = await findHost(api, rest[0])
        if (!rest[1]) throw new UsageError('give the fingerprint you compared (SHA256:…)')
        return finish(await api.confirmKey(host.id, rest[1]))
      }
      case 'test':
        return finish(await api.test((await findHost(api, rest[0])).id))
      case 'credentials': {
        const host = await findHost(api, rest[0])
        const state = rest[1]
        if (state !== 'on' && state !== 'off') throw new UsageError('say on or off')
        const updated = await api.update({ id: host.id, forwardCredentials: state === 'on' })
        print(describeCredentials(updated))
        return 0
      }
      case 'observe': {
        const host = await findHost(api, rest[0])
        const state = rest[1]
        if (state !== 'on' && state !== 'off') throw new UsageError('say on or off')
        print(describeObservation(await api.update({ id: host.id, observe: state === 'on' })))
        return 0
      }
      case 'remove': {
        const host = await findHost(api, rest[0])
        await api.remove(host.id)
        print(`removed ${host.id}  ${host.target}`)
        return 0
      }
      default:
        throw new UsageError(verb ? `unknown command "${verb}"` : 'no command')
    }
  } catch (err) {
    if (err instanceof UsageError) {
      print(`${err.message}\n${HOSTS_USAGE}`)
      return EXIT_USAGE
    }
    throw err
  }
}
