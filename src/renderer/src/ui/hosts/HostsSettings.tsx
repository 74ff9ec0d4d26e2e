/**
 * Settings › Hosts: the remote machines sessions run on (docs/remote-hosts.md). Add one by its
 * ssh alias or user@host[:port]; each host shows its health (its connection now, the last round
 * trip, the last error, its sessions), read again every few seconds while the list is open; test
 * it again, remove it. An unknown host key is shown with its fingerprint and trusted only when
 * the user says so.
 */
import { useEffect, useState, type FormEvent } from 'react'
import { KeyRound, Plus, RefreshCw, Trash2 } from 'lucide-react'
import type { HostCheck, HostEntry } from '@shared/hosts'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import { HostHealthIcon, hostHealth } from './host-health'
import { HostCredentials } from './HostCredentials'
import { HostObserve } from './HostObserve'
import './hosts.css'

/**
 * How often the open list reads the hosts' health again. Reading costs no ssh call (the core
 * looks at each control socket), so a connection that ends or comes up shows within this.
 */
export const HOSTS_POLL_MS = 2_000

function sessionsText(n: number): string {
  return n === 0 ? 'no sessions' : n === 1 ? '1 session' : `${n} sessions`
}

/** Connection now, round trip and sessions; then the last error, or what the last test found. */
function HostHealthLines({ host }: { host: HostEntry }) {
  const health = hostHealth(host)
  const last = host.lastCheck
  const failed = last !== null && last.status !== 'ready'
  return (
    <>
      <span className={`host-health ${health.tone}`} data-testid="host-health">
        <HostHealthIcon host={host} />
        <span className="host-health-text">{health.text}</span>
        {health.latencyMs !== null && (
          <>
            <span className="host-sep" aria-hidden>
              ·
            </span>
            <span>{health.latencyMs} ms</span>
          </>
        )}
        <span className="host-sep" aria-hidden>
          ·
        </span>
        <span>{sessionsText(host.sessions)}</span>
      </span>
      {host.reconnect ? (
        <span className="host-message host-error" data-testid="host-link-error">
          Link lost: {host.reconnect.error}
        </span>
      ) : last === null ? (
        <span className="muted">Not tested since the app started</span>
      ) : failed ? (
        <span className="host-message host-error">Last error: {last.message}</span>
      ) : (
        <span className="host-message">{last.message}</span>
      )}
    </>
  )
}

/** The fingerprint to confirm, with the way to compare it on the host itself. */
function KeyQuestion({
  host,
  check,
  busy,
  onTrust,
}: {
  host: HostEntry
  check: Extract<HostCheck, { status: 'host-key-unknown' }>
  busy: boolean
  onTrust(): void
}) {
  return (
    <div className="host-key-question" role="group" aria-label={`Host key of ${host.label}`}>
      <p>
        {host.target} offers a host key Atelier has not seen. Trust it only if it matches the host's
        own (<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code> on the host):
      </p>
      <code className="host-fingerprint">
        {check.keyType} {check.fingerprint}
      </code>
      {check.canConfirm ? (
        <button type="button" className="button primary small" disabled={busy} onClick={onTrust}>
          <KeyRound size={14} aria-hidden /> Trust this key
        </button>
      ) : (
        <p className="muted">
          Atelier could not read this key itself: connect once with ssh in a terminal to trust it
          there (Atelier reads your ~/.ssh/known_hosts too).
        </p>
      )}
    </div>
  )
}

function HostRow({
  host,
  check,
  busy,
  onTest,
  onRemove,
  onTrust,
  onForwardCredentials,
  onObserve,
}: {
  host: HostEntry
  check: HostCheck | undefined
  busy: boolean
  onTest(): void
  onRemove(): void
  onTrust(fingerprint: string): void
  onForwardCredentials(forward: boolean): void
  onObserve(observe: boolean): void
}) {
  return (
    <li className="host-row" aria-label={host.label}>
      <div className="host-row-main">
        <div className="host-row-text">
          <strong>{host.label}</strong>
          {host.label !== host.target && <code>{host.target}</code>}
          <HostHealthLines host={host} />
        </div>
        <button
          type="button"
          className="button subtle"
          disabled={busy}
          onClick={onTest}
          aria-label={`Test ${host.label}`}
        >
          <RefreshCw size={14} aria-hidden /> {busy ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className="button subtle"
          // The core refuses it too: its sessions' tmux would run on unseen there.
          disabled={busy || host.sessions > 0}
          title={
            host.sessions > 0
              ? `Delete its ${sessionsText(host.sessions)} first: they run there`
              : undefined
          }
          onClick={onRemove}
          aria-label={`Remove ${host.label}`}
        >
          <Trash2 size={14} aria-hidden /> Remove
        </button>
      </div>
      <HostCredentials host={host} busy={busy} onChange={onForwardCredentials} />
      <HostObserve host={host} busy={busy} onChange={onObserve} />
      {check?.status === 'host-key-unknown' && (
        <KeyQuestion
          host={host}
          check={check}
          busy={busy}
          onTrust={() => onTrust(check.fingerprint)}
        />
      )}
    </li>
  )
}

export function HostsSettings() {
  const [hosts, setHosts] = useState<HostEntry[] | null>(null)
  /** The full answer of the last add, test or confirm in this dialog, per host. */
  const [checks, setChecks] = useState<Record<string, HostCheck>>({})
  const [busy, setBusy] = useState<string | null>(null)
  const [target, setTarget] = useState('')
  const [identityFile, setIdentityFile] = useState('')

  const show = (list: HostEntry[]) => {
    setHosts(list)
    useAppStore.getState().setHosts(list)
  }
  const reload = async () => {
    const r = await attempt('Could not read the hosts', () => core().invoke('hosts.list', {}))
    if (r) show(r.hosts)
  }
  useEffect(() => {
    let stopped = false
    const shown = (list: HostEntry[]) => {
      if (stopped) return
      setHosts(list)
      useAppStore.getState().setHosts(list)
    }
    void attempt('Could not read the hosts', () => core().invoke('hosts.list', {})).then(
      (r) => r && shown(r.hosts),
    )
    // Health changes on its own (a connection ends, a test elsewhere): follow it while open.
    const timer = window.setInterval(() => {
      core()
        .invoke('hosts.list', {})
        .then((r) => shown(r.hosts))
        .catch(() => {})
    }, HOSTS_POLL_MS)
    return () => {
      stopped = true
      window.clearInterval(timer)
    }
  }, [])

  const run = async (id: string, what: string, call: () => Promise<HostCheck>) => {
    setBusy(id)
    const check = await attempt(what, call)
    if (check) setChecks((c) => ({ ...c, [id]: check }))
    await reload()
    setBusy(null)
  }

  const add = async (e: FormEvent) => {
    e.preventDefault()
    const t = target.trim()
    if (!t) return
    setBusy('new')
    const r = await attempt(`Could not add ${t}`, () =>
      core().invoke('hosts.add', {
        target: t,
        ...(identityFile.trim() ? { identityFile: identityFile.trim() } : {}),
      }),
    )
    if (r) {
      setChecks((c) => ({ ...c, [r.host.id]: r.check }))
      setTarget('')
      setIdentityFile('')
    }
    await reload()
    setBusy(null)
  }

  const forwardCredentials = async (host: HostEntry, forward: boolean) => {
    setBusy(host.id)
    const r = await attempt(`Could not change what ${host.label} gets`, () =>
      core().invoke('hosts.update', { id: host.id, forwardCredentials: forward }),
    )
    if (r) setHosts((list) => list && list.map((h) => (h.id === r.id ? r : h)))
    await reload()
    setBusy(null)
  }

  const observe = async (host: HostEntry, on: boolean) => {
    setBusy(host.id)
    const r = await attempt(`Could not change observing on ${host.label}`, () =>
      core().invoke('hosts.update', { id: host.id, observe: on }),
    )
    if (r) setHosts((list) => list && list.map((h) => (h.id === r.id ? r : h)))
    await reload()
    setBusy(null)
  }

  const remove = async (host: HostEntry) => {
    setBusy(host.id)
    const r = await attempt(`Could not remove ${host.label}`, () =>
      core().invoke('hosts.remove', { id: host.id }),
    )
    if (r) useAppStore.getState().toast('success', `Removed ${host.label}`)
    await reload()
    setBusy(null)
  }

  return (
    <div className="hosts-settings">
      <p className="setting-hint">
        Machines reached with your own ssh (its config, agent and keys). Sessions run there in tmux;
        a host needs tmux and Claude Code on the PATH of a non-interactive shell.
      </p>
      <form className="host-add" onSubmit={(e) => void add(e)}>
        <input
          type="text"
          aria-label="Host"
          placeholder="user@host:port or an alias from ~/.ssh/config"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        />
        <input
          type="text"
          aria-label="Identity file (optional)"
          placeholder="Identity file (optional, absolute path)"
          value={identityFile}
          onChange={(e) => setIdentityFile(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy === 'new' || !target.trim()}>
          <Plus size={14} aria-hidden /> {busy === 'new' ? 'Adding…' : 'Add host'}
        </button>
      </form>
      {hosts === null ? (
        <span className="muted">…</span>
      ) : hosts.length === 0 ? (
        <p className="muted">No hosts yet.</p>
      ) : (
        <ul>
          {hosts.map((h) => (
            <HostRow
              key={h.id}
              host={h}
              check={checks[h.id]}
              busy={busy === h.id}
              onTest={() =>
                void run(h.id, `Could not test ${h.label}`, () =>
                  core().invoke('hosts.test', { id: h.id }),
                )
              }
              onTrust={(fingerprint) =>
                void run(h.id, `Could not trust the key of ${h.label}`, () =>
                  core().invoke('hosts.confirmKey', { id: h.id, fingerprint }),
                )
              }
              onRemove={() => void remove(h)}
              onForwardCredentials={(forward) => void forwardCredentials(h, forward)}
              onObserve={(on) => void observe(h, on)}
            />
          ))}
        </ul>
      )}
    </div>
  )
}
