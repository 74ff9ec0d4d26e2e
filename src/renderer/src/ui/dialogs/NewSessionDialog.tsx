/**
 * Start a managed Claude Code session: where it runs (this machine or a remote host), folder,
 * name, backend, permission mode, model, worktree, and Claude Code's trust of the folder when it
 * has none yet.
 */
import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { Plus } from 'lucide-react'
import {
  PERMISSION_MODES,
  type LocalBackendKind,
  type HexCoord,
  type PermissionMode,
} from '@shared/sessions'
import { addPendingZone, resolvePendingZone } from '../../scene/scene-store'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { TransportError } from '../../transport'
import { errorMessage, selectSession } from '../commands'
import { BackendOptions } from '../common/BackendOptions'
import { baseName } from '@shared/text'
import { requestNotificationPermission } from '../notifications'
import { CancelAndAction, CheckField, Dialog, Field } from './Dialog'
import { FolderInput } from './FolderInput'
import { TrustQuestion, useFolderTrust } from './TrustQuestion'
import { HostPicker } from '../hosts/HostPicker'

const MODE_LABEL: Record<PermissionMode, string> = {
  default: 'Ask before risky tools (default)',
  acceptEdits: 'Accept file edits',
  plan: 'Plan only',
  auto: 'Auto',
  bypassPermissions: 'Bypass all permission checks',
}

/** Suggested models; any model id Claude Code accepts can be typed. */
const MODEL_SUGGESTIONS = ['sonnet', 'opus', 'haiku']

/** "app", then "app 2", "app 3"… when names are taken (original behaviour). */
export function uniqueName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base
  for (let n = 2; ; n++) if (!taken.includes(`${base} ${n}`)) return `${base} ${n}`
}

export function NewSessionDialog({ zone, onClose }: { zone?: HexCoord; onClose(): void }) {
  const settings = useAppStore((s) => s.settings)
  const names = useAppStore(useShallow((s) => s.sessions.map((x) => x.name)))
  const hosts = useAppStore((s) => s.hosts)
  /** A remote host's id, or null for this machine. */
  const [hostId, setHostId] = useState<string | null>(null)
  const host = hosts.find((h) => h.id === hostId) ?? null
  const [cwd, setCwd] = useState('')
  const [name, setName] = useState('')
  const [nameTouched, setNameTouched] = useState(false)
  const [backend, setBackend] = useState<LocalBackendKind>(settings?.defaultBackend ?? 'pty')
  const [mode, setMode] = useState<PermissionMode>(settings?.defaultPermissionMode ?? 'default')
  const [model, setModel] = useState('')
  const [worktree, setWorktree] = useState(false)
  // Whether this machine's Claude Code trusts a folder says nothing about the host's.
  const trust = useFolderTrust(host ? '' : cwd)
  // Consent is for one folder: a new folder is asked about afresh.
  const [trustConsent, setTrustConsent] = useState<{ cwd: string } | null>(null)
  const consented = trustConsent !== null && trustConsent.cwd === cwd.trim()
  const askTrust = trust !== null && !trust.trusted
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)

  // Fresh health for the picker: a host may have connected or failed since the app started.
  useEffect(() => {
    core()
      .invoke('hosts.list', {})
      .then((r) => useAppStore.getState().setHosts(r.hosts))
      .catch(() => {})
  }, [])

  const setFolder = (v: string) => {
    setCwd(v)
    // The name follows the folder until the user types one (original behaviour).
    if (!nameTouched) setName(v.trim() ? uniqueName(baseName(v.trim()), names) : '')
  }

  const create = async () => {
    if (busy) return
    requestNotificationPermission()
    setBusy(true)
    setError(null)
    const finalName = name.trim() || baseName(cwd.trim())
    // The scene shows a placeholder zone on the chosen hex until the session's zone appears.
    const pendingZone = zone ? addPendingZone(zone, finalName) : null
    try {
      const session = await core().invoke('sessions.create', {
        name: finalName,
        ...(zone ? { zone } : {}),
        cwd: cwd.trim(),
        // A remote session runs in tmux on its host: the core picks that backend.
        ...(host ? { host: host.id } : { backend }),
        permissionMode: mode,
        ...(model.trim() ? { model: model.trim() } : {}),
        ...(worktree ? { worktree: true } : {}),
        ...(askTrust && trust.recordable && consented ? { trustFolder: true } : {}),
      })
      useAppStore.getState().toast('success', `Started ${session.name}`)
      onClose()
      // The sessions push may land after the response: select once the session is known.
      const s = useAppStore.getState()
      if (!s.sessions.some((x) => x.id === session.id)) s.setSessions([...s.sessions, session])
      selectSession(session.id)
    } catch (err) {
      setError({
        message: errorMessage(err),
        field: err instanceof TransportError ? err.field : undefined,
      })
    } finally {
      if (pendingZone) resolvePendingZone(pendingZone)
      setBusy(false)
    }
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : null)
  const generalError =
    error && !['cwd', 'name', 'model', 'trustFolder', 'host'].includes(error.field ?? '')
      ? error.message
      : null
  return (
    <Dialog
      title="New session"
      icon={<Plus size={16} aria-hidden />}
      onClose={onClose}
      footer={
        <>
          {generalError && (
            <div className="form-error" role="alert">
              {generalError}
            </div>
          )}
          <CancelAndAction
            onCancel={onClose}
            action={busy ? 'Starting…' : 'Start session'}
            form="new-session-form"
            disabled={busy || !cwd.trim()}
          />
        </>
      }
    >
      <form
        id="new-session-form"
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        {hosts.length > 0 && (
          <HostPicker
            id="ns-host"
            hosts={hosts}
            value={hostId}
            onChange={setHostId}
            error={fieldError('host')}
          />
        )}
        <Field
          label="Folder"
          htmlFor="ns-folder"
          error={fieldError('cwd')}
          hint={
            host
              ? `An absolute path on ${host.label}; its folders are suggested. Claude Code there asks in its terminal before it trusts a new folder.`
              : 'An absolute path. Known projects are suggested first.'
          }
        >
          <FolderInput
            id="ns-folder"
            value={cwd}
            onChange={setFolder}
            onPick={setFolder}
            invalid={Boolean(fieldError('cwd'))}
            {...(host ? { host: host.id } : {})}
          />
        </Field>
        <Field label="Name" htmlFor="ns-name" error={fieldError('name')}>
          <input
            id="ns-name"
            type="text"
            value={name}
            maxLength={80}
            placeholder="Named after the folder"
            onChange={(e) => {
              setName(e.target.value)
              setNameTouched(true)
            }}
          />
        </Field>
        <div className="field-row">
          {host ? (
            <Field label="Runs in" htmlFor="ns-backend" hint="Always tmux on the host">
              <select id="ns-backend" value="ssh" disabled>
                <option value="ssh">tmux on {host.label}</option>
              </select>
            </Field>
          ) : (
            <Field
              label="Runs in"
              htmlFor="ns-backend"
              hint={backend === 'tmux' ? 'Survives an app restart' : 'Ends with the app; resumable'}
            >
              <select
                id="ns-backend"
                value={backend}
                onChange={(e) => setBackend(e.target.value as LocalBackendKind)}
              >
                <BackendOptions />
              </select>
            </Field>
          )}
          <Field
            label="Model"
            htmlFor="ns-model"
            error={fieldError('model')}
            hint="Empty: Claude Code's default"
          >
            <input
              id="ns-model"
              type="text"
              list="ns-models"
              value={model}
              placeholder="default"
              onChange={(e) => setModel(e.target.value)}
            />
            <datalist id="ns-models">
              {MODEL_SUGGESTIONS.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
          </Field>
        </div>
        <Field
          label="Permissions"
          htmlFor="ns-mode"
          hint={mode === 'bypassPermissions' ? 'Claude runs every tool without asking.' : undefined}
        >
          <select
            id="ns-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as PermissionMode)}
          >
            {PERMISSION_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </select>
        </Field>
        <CheckField
          checked={worktree}
          onChange={setWorktree}
          label="Work in a new git worktree"
          hint="Keeps this session's changes on their own branch."
        />
        {askTrust && (
          <TrustQuestion
            trust={trust}
            consent={consented}
            onConsent={(v) => setTrustConsent(v ? { cwd: cwd.trim() } : null)}
          />
        )}
        {fieldError('trustFolder') && (
          <div className="field-error" role="alert">
            {fieldError('trustFolder')}
          </div>
        )}
      </form>
    </Dialog>
  )
}
