/**
 * Turns what a failed `ssh` printed into what the user can act on. ssh's messages are not
 * translated, so matching them is stable; an unrecognised failure keeps ssh's own last line.
 */
import type { HostCheck } from '@shared/hosts'

type Failure = Extract<
  HostCheck,
  { status: 'host-key-changed' | 'auth-failed' | 'unreachable' | 'failed' }
>
export type SshFailure = Failure | { status: 'host-key-unknown'; message: string }

/** ssh's meaningful lines: without its debug output and the banner of stars. */
function lastLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('debug') && !/^@+$/.test(l))
  return lines.at(-1) ?? 'ssh failed without a message'
}

export function classifySshFailure(target: string, stderr: string): SshFailure {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(stderr))
    return {
      status: 'host-key-changed',
      message: `The host key of ${target} has CHANGED since it was trusted, so Atelier refuses to connect: someone may be intercepting the connection, or the host was reinstalled. If you know it was reinstalled, remove the host and add it again.`,
    }
  if (/No \S+ host key is known for/.test(stderr))
    return {
      status: 'host-key-unknown',
      message: `${target} offers a host key Atelier has not seen: compare its fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub there) before trusting it.`,
    }
  if (/Permission denied \(|Too many authentication failures/.test(stderr))
    return {
      status: 'auth-failed',
      message: `${target} refused the login: wrong user, or the key is not in that user's ~/.ssh/authorized_keys (a key with a passphrase must be in your ssh agent: Atelier cannot ask for it) (ssh: ${lastLine(stderr)})`,
    }
  if (
    /Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable|Operation timed out|Connection closed by .* port \d+$|kex_exchange_identification/m.test(
      stderr,
    )
  )
    return {
      status: 'unreachable',
      message: `${target} could not be reached (ssh: ${lastLine(stderr)})`,
    }
  if (/Host key verification failed/.test(stderr))
    return {
      status: 'host-key-changed',
      message: `The host key of ${target} was refused (ssh: ${lastLine(stderr)})`,
    }
  return { status: 'failed', message: `ssh to ${target} failed: ${lastLine(stderr)}` }
}

/** The key ssh saw in its debug log: `Server host key: ssh-ed25519 SHA256:…`. */
export function offeredHostKey(stderr: string): { type: string; fingerprint: string } | null {
  const m = /Server host key: (\S+) (SHA256:[A-Za-z0-9+/]{43})/.exec(stderr)
  return m ? { type: m[1]!, fingerprint: m[2]! } : null
}
