/**
 * Settings › Hosts: the remote machines sessions will run on (docs/remote-hosts.md). Add one by
 * its ssh alias or user@host[:port], see what its last test found, test it again, remove it. An
 * unknown host key is shown with its fingerprint and trusted only when the user says so.
 */
import { useEffect, useState, type FormEvent } from 'react'
import {
  CircleAlert,
  CircleCheck,
  KeyRound,
  Plus,
  RefreshCw,
  ShieldAlert,
  Trash2,
  Unplug,
} from 'lucide-react'
import type { HostCheck, HostCheckStatus, HostEntry } from '@shared/hosts'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import './hosts.css'

const STATUS_TEXT: Record<HostCheckStatus, string> = {
  ready: 'Ready',
  incomplete: 'Missing tools',
  'host-key-unknown': 'Unknown host key',
  'host-key-changed': 'Host key changed',
  'auth-failed': 'Login refused',
  unreachable: 'Unreachable',
  failed: 'Failed',
}

function StatusIcon({ status }: { status: HostCheckStatus }) {
  const props = { size: 14, 'aria-hidden': true }
  if (status === 'ready') return <CircleCheck {...props} />
  if (status === 'host-key-unknown') return <KeyRound {...props} />
  if (status === 'host-key-changed') return <ShieldAlert {...props} />
  if (status === 'unreachable') return <Unplug {...props} />
  return <CircleAlert {...props} />
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
}: {
  host: HostEntry
  check: HostCheck | undefined
  busy: boolean
  onTest(): void
  onRemove(): void
  onTrust(fingerprint: string): void
}) {
  const last = host.lastCheck
  const status = check?.status ?? last?.status ?? null
  return (
    <li className="host-row" aria-label={host.label}>
      <div className="host-row-main">
        <div className="host-row-text">
          <strong>{host.label}</strong>
          {host.label !== host.target && <code>{host.target}</code>}
          {status ? (
            <span className={`host-status ${status}`}>
              <StatusIcon status={status} /> {STATUS_TEXT[status]}
              {last?.latencyMs != null && ` · ${last.latencyMs} ms`}
            </span>
          ) : (
            <span className="muted">Not tested since the app started</span>
          )}
          {(check?.message ?? last?.message) && (
            <span className="host-message">{check?.message ?? last?.message}</span>
          )}
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
          disabled={busy}
          onClick={onRemove}
          aria-label={`Remove ${host.label}`}
        >
          <Trash2 size={14} aria-hidden /> Remove
        </button>
      </div>
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

  const reload = async () => {
    const r = await attempt('Could not read the hosts', () => core().invoke('hosts.list', {}))
    if (r) setHosts(r.hosts)
  }
  useEffect(() => {
    void reload()
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
        Machines reached with your own ssh (its config, agent and keys). Sessions will run there in
        tmux; a host needs tmux and Claude Code on the PATH of a non-interactive shell.
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
            />
          ))}
        </ul>
      )}
    </div>
  )
}
