/**
 * Every argv Atelier gives the system `ssh` (docs/remote-hosts.md, "Engine"). Pure: a host's
 * target and identity plus the data folder's paths in, an argv array out. The options added are
 * only the ones correctness needs; the user's ~/.ssh/config, agent and keys apply unchanged.
 */
import type { HostTarget } from '@shared/hosts'

/** How long a connection attempt may take before ssh gives up, in seconds. */
export const CONNECT_TIMEOUT_S = 10
/** A dead link is noticed after SERVER_ALIVE_INTERVAL_S × SERVER_ALIVE_COUNT_MAX seconds. */
export const SERVER_ALIVE_INTERVAL_S = 5
export const SERVER_ALIVE_COUNT_MAX = 3
/** The shared connection outlives its last use by this many seconds. */
export const CONTROL_PERSIST_S = 60

export interface SshPaths {
  /** The 0700 folder holding the control sockets. */
  controlDir: string
  /** Atelier's own known_hosts file (read and written by Atelier, read by ssh). */
  knownHostsFile: string
}

export interface SshHost {
  /**
   * Names the host's control socket. Not ssh's `%C`: that hashes only user, host and port, so
   * two hosts with the same address and different keys would share one logged-in connection.
   */
  id: string
  target: HostTarget
  identityFile?: string
}

/**
 * A path as one value inside an `-o Option=value` argument. ssh splits option values on
 * whitespace and honours double quotes, so a path is always quoted; a path holding a quote or a
 * backslash is refused rather than escaped.
 */
export function sshOptionPath(path: string): string {
  if (/["\\\p{Cc}]/u.test(path))
    throw new Error(`ssh cannot be given the path ${JSON.stringify(path)}`)
  return `"${path}"`
}

function option(name: string, value: string | number): string[] {
  return ['-o', `${name}=${value}`]
}

/** The options of every call: no prompts, strict host keys, Atelier's known_hosts, keepalives. */
export function baseOptions(paths: SshPaths, host: SshHost): string[] {
  return [
    ...option('BatchMode', 'yes'),
    ...option('StrictHostKeyChecking', 'yes'),
    // Atelier's file first, then the user's own (read only: with strict checking ssh never
    // writes, and UpdateHostKeys/CheckHostIP off keep it from adding keys or addresses).
    ...option('UserKnownHostsFile', `${sshOptionPath(paths.knownHostsFile)} ~/.ssh/known_hosts`),
    ...option('UpdateHostKeys', 'no'),
    ...option('CheckHostIP', 'no'),
    ...option('ConnectTimeout', CONNECT_TIMEOUT_S),
    ...option('ServerAliveInterval', SERVER_ALIVE_INTERVAL_S),
    ...option('ServerAliveCountMax', SERVER_ALIVE_COUNT_MAX),
    ...(host.identityFile ? ['-i', host.identityFile, ...option('IdentitiesOnly', 'yes')] : []),
    ...(host.target.port !== undefined ? ['-p', String(host.target.port)] : []),
  ]
}

/** The host's own control socket in the 0700 folder. */
export function controlSocketPath(paths: SshPaths, host: SshHost): string {
  if (!/^[A-Za-z0-9_-]+$/.test(host.id)) throw new Error(`"${host.id}" cannot name a socket`)
  return `${paths.controlDir}/cm-${host.id}`
}

export function controlPathOption(paths: SshPaths, host: SshHost): string[] {
  return option('ControlPath', sshOptionPath(controlSocketPath(paths, host)))
}

/**
 * A command over the host's shared connection, starting it when there is none. `remoteLine` is
 * one argument, already quoted for the remote shell (remoteShLine).
 */
export function commandArgv(paths: SshPaths, host: SshHost, remoteLine: string): string[] {
  return [
    ...baseOptions(paths, host),
    ...controlPathOption(paths, host),
    ...option('ControlMaster', 'auto'),
    ...option('ControlPersist', CONTROL_PERSIST_S),
    '--',
    host.target.destination,
    remoteLine,
  ]
}

/**
 * A connection of its own (never shared) at debug level, whose log names the key the host
 * offers ("Server host key: <type> SHA256:…") before ssh's check refuses an unknown one.
 */
export function hostKeyProbeArgv(paths: SshPaths, host: SshHost): string[] {
  return [
    '-v',
    ...baseOptions(paths, host),
    ...option('ControlMaster', 'no'),
    ...option('ControlPath', 'none'),
    '--',
    host.target.destination,
    'exit 0',
  ]
}

/** `ssh -O check|exit`: asks the shared connection's master whether it runs, or to end. */
export function controlArgv(paths: SshPaths, host: SshHost, request: 'check' | 'exit'): string[] {
  return [
    ...baseOptions(paths, host),
    ...controlPathOption(paths, host),
    '-O',
    request,
    '--',
    host.target.destination,
  ]
}

/**
 * `ssh -O forward -R 127.0.0.1:<remote>:127.0.0.1:<port>`: asks the host's running master to
 * listen on a loopback port of the host (`remotePort`, or a free one for 0, which ssh prints) and
 * carry what connects there to `localPort` on this machine.
 */
export function reverseForwardArgv(
  paths: SshPaths,
  host: SshHost,
  localPort: number,
  remotePort = 0,
): string[] {
  if (!Number.isInteger(localPort) || localPort < 1 || localPort > 65535)
    throw new Error(`${localPort} is not a port`)
  if (!Number.isInteger(remotePort) || remotePort < 0 || remotePort > 65535)
    throw new Error(`${remotePort} is not a port`)
  return [
    ...baseOptions(paths, host),
    ...controlPathOption(paths, host),
    '-O',
    'forward',
    '-R',
    `127.0.0.1:${remotePort}:127.0.0.1:${localPort}`,
    '--',
    host.target.destination,
  ]
}

/** `ssh -G`: the configuration ssh would use for the host (its config applied), no connection. */
export function resolveConfigArgv(paths: SshPaths, host: SshHost): string[] {
  return ['-G', ...baseOptions(paths, host), '--', host.target.destination]
}
