/** Rename and delete: small in-app dialogs (the original used window.prompt and confirm). */
import { useState } from 'react'
import { Pencil, Trash2 } from 'lucide-react'
import { SessionNameSchema } from '@shared/contract'
import { useAppStore } from '../../store'
import { deleteSession, renameSession } from '../commands'
import { tildePath } from '../common/format'
import { CancelAndAction, CheckField, Dialog, Field } from './Dialog'

export function RenameDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const session = useAppStore((s) => s.sessions.find((x) => x.id === sessionId))
  const [name, setName] = useState(session?.name ?? '')
  const [busy, setBusy] = useState(false)
  if (!session) return null
  const check = SessionNameSchema.safeParse(name)
  const error = name === '' ? null : check.success ? null : check.error.issues[0]?.message
  const save = async () => {
    if (!check.success || busy) return
    setBusy(true)
    if (await renameSession(session.id, check.data)) onClose()
    setBusy(false)
  }
  return (
    <Dialog
      title={`Rename ${session.name}`}
      icon={<Pencil size={16} aria-hidden />}
      onClose={onClose}
      footer={
        <CancelAndAction
          onCancel={onClose}
          action="Rename"
          form="rename-form"
          disabled={!check.success || busy}
        />
      }
    >
      <form
        id="rename-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Field label="Name" htmlFor="rename-name" error={error}>
          <input
            id="rename-name"
            type="text"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
            onFocus={(e) => e.target.select()}
          />
        </Field>
      </form>
    </Dialog>
  )
}

export function DeleteDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const session = useAppStore((s) => s.sessions.find((x) => x.id === sessionId))
  const [removeWorktree, setRemoveWorktree] = useState(false)
  const [busy, setBusy] = useState(false)
  if (!session) return null
  const confirm = async () => {
    setBusy(true)
    if (await deleteSession(session.id, removeWorktree)) onClose()
    setBusy(false)
  }
  return (
    <Dialog
      title={`Delete ${session.name}?`}
      icon={<Trash2 size={16} aria-hidden />}
      onClose={onClose}
      footer={
        <CancelAndAction
          cancel="Keep it"
          onCancel={onClose}
          focusCancel
          action="Delete session"
          tone="danger"
          disabled={busy}
          onAction={() => void confirm()}
        />
      }
    >
      <p>
        {session.kind === 'managed' && session.alive
          ? 'Its Claude Code process is stopped and the session leaves the workshop.'
          : 'The session leaves the workshop.'}{' '}
        Its events stay searchable.
      </p>
      {session.worktree && (
        <CheckField
          checked={removeWorktree}
          onChange={setRemoveWorktree}
          label="Also remove its worktree"
          hint={`${tildePath(session.worktree.path)} (branch ${session.worktree.branch})`}
        />
      )}
    </Dialog>
  )
}
