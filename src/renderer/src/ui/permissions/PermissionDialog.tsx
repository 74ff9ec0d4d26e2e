/**
 * Pending permission requests and questions, one at a time with a queue when several sessions
 * ask at once. Y allows once, A always allows, N denies (optionally with a message for Claude);
 * Escape hides the dialog until the next request, leaving the terminal's own prompt in charge.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ChevronLeft, ChevronRight, MessageCircleQuestion, ShieldAlert } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import type { Decision, PendingRequest } from '@shared/permissions'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { useBindings, useScopeHandlers } from '../../keyboard/useKeyboard'
import { attempt } from '../commands'
import { Keycaps } from '../common/Keycaps'
import { tildePath } from '../common/format'
import { toolLabel } from '../feed/tool-info'
import { QuestionForm, type Answers } from './QuestionForm'
import { describeRequest, DIFF_PREVIEW_LINES } from './request-view'
import { AlwaysPlanView } from './AlwaysPlanView'
import { VoiceCommandBanner } from '../../voice/VoiceCommandBanner'
import '../dialogs/dialog.css'
import './permissions.css'

function useSecondsLeft(expiresAt: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(t)
  }, [])
  return Math.max(0, Math.round((expiresAt - now) / 1000))
}

function Countdown({ expiresAt }: { expiresAt: number }) {
  const s = useSecondsLeft(expiresAt)
  return (
    <span className="countdown">
      {s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s left` : `${s}s left`}
    </span>
  )
}

export function PermissionHost() {
  const pending = useAppStore((s) => s.pending)
  const hidden = useAppStore((s) => s.permissionDialogHidden)
  const queue = useMemo(() => [...pending].sort((a, b) => a.createdAt - b.createdAt), [pending])
  if (queue.length === 0 || hidden) return null
  return <PermissionDialog queue={queue} />
}

function PermissionDialog({ queue }: { queue: PendingRequest[] }) {
  // The request in focus lives in the store: spoken commands act on the one shown here.
  const currentId = useAppStore((s) => s.focusedRequestId) ?? queue[0].id
  const setCurrentId = useAppStore((s) => s.setFocusedRequestId)
  const index = Math.max(
    0,
    queue.findIndex((r) => r.id === currentId),
  )
  const req = queue[index]
  const session = useAppStore((s) => s.sessions.find((x) => x.id === req.sessionId))
  const bindings = useBindings()
  const [denying, setDenying] = useState(false)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const dialogRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    setDenying(false)
    setMessage('')
    // Take the keyboard so Y / A / N answer at once, even if the user was typing a prompt.
    dialogRef.current?.focus()
  }, [req.id])

  const decide = useCallback(
    async (decision: Decision, extra: { message?: string; answers?: Answers } = {}) => {
      setBusy(true)
      const ok = await attempt('Answer not delivered', () =>
        core().invoke('permissions.decide', { id: req.id, decision, ...extra }),
      )
      setBusy(false)
      if (!ok) return
      // Move on to the next request right away; the permissions push removes this one.
      const next = queue[index + 1] ?? queue[index - 1]
      if (next) setCurrentId(next.id)
    },
    [req.id, queue, index, setCurrentId],
  )

  const isQuestion = req.kind === 'question'
  const canAlways = req.always?.available === true
  const step = (d: number) => setCurrentId(queue[(index + d + queue.length) % queue.length].id)
  const handlers = useMemo(
    () => ({
      'permission.allow': () => (isQuestion || busy ? false : void decide('allow')),
      'permission.always': () => (isQuestion || busy || !canAlways ? false : void decide('always')),
      'permission.deny': () => (isQuestion || busy ? false : setDenying(true)),
      'permission.later': () => useAppStore.getState().setPermissionDialogHidden(true),
      'permission.next': () => step(1),
      'permission.prev': () => step(-1),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [isQuestion, busy, canAlways, decide, index, queue],
  )
  useScopeHandlers('permission', handlers)

  const view = describeRequest(req)
  const diff = view.diff?.slice(0, DIFF_PREVIEW_LINES)
  const keys = (id: string) => bindings[id]?.[0]

  return (
    <div className="backdrop permission-backdrop">
      <div
        ref={dialogRef}
        tabIndex={-1}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="perm-title"
        className={`dialog permission${isQuestion ? ' is-question' : ''}`}
      >
        <header className="dialog-head">
          {isQuestion ? (
            <MessageCircleQuestion size={16} aria-hidden />
          ) : (
            <ShieldAlert size={16} aria-hidden />
          )}
          <h2 id="perm-title">
            {isQuestion
              ? `${session?.name ?? 'A session'} has a question`
              : `Allow ${toolLabel(req.toolName)}?`}
          </h2>
          {queue.length > 1 && (
            <span className="queue-nav">
              <IconButton label="Previous request" onClick={() => step(-1)} icon={ChevronLeft} />
              {index + 1} of {queue.length}
              <IconButton label="Next request" onClick={() => step(1)} icon={ChevronRight} />
            </span>
          )}
        </header>
        <div className="dialog-body">
          <div className="perm-meta">
            <span className="perm-session">{session?.name ?? req.sessionId}</span>
            {session && <code>{tildePath(session.cwd)}</code>}
            <Countdown expiresAt={req.expiresAt} />
          </div>
          <VoiceCommandBanner itemId={req.id} />
          {isQuestion ? (
            <QuestionForm
              request={req}
              onAnswer={(answers) => void decide('allow', { answers })}
              onSkip={() => useAppStore.getState().setPermissionDialogHidden(true)}
            />
          ) : (
            <>
              {view.description && <p className="perm-description">{view.description}</p>}
              {view.subject &&
                (view.subject.kind === 'command' ? (
                  <pre className="code perm-command">{view.subject.text}</pre>
                ) : (
                  <div className="perm-subject">
                    {view.subject.kind === 'file'
                      ? tildePath(view.subject.text)
                      : view.subject.text}
                  </div>
                ))}
              {diff && diff.length > 0 && (
                <pre className="code diff" aria-label="Proposed change">
                  {diff.map((l, i) => (
                    <div
                      key={i}
                      className={l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : 'ctx'}
                    >
                      {l.sign} {l.text}
                    </div>
                  ))}
                  {view.diff!.length > DIFF_PREVIEW_LINES && (
                    <div className="ctx">… {view.diff!.length - DIFF_PREVIEW_LINES} more lines</div>
                  )}
                </pre>
              )}
              {!view.subject && !diff && (
                <pre className="code">{JSON.stringify(req.toolInput, null, 2)}</pre>
              )}
              <AlwaysPlanView plan={req.always} />
              {denying && (
                <form
                  className="deny-form"
                  onSubmit={(e) => {
                    e.preventDefault()
                    void decide('deny', message.trim() ? { message: message.trim() } : {})
                  }}
                >
                  <label htmlFor="deny-message">Tell Claude why (optional)</label>
                  <textarea
                    id="deny-message"
                    autoFocus
                    rows={2}
                    maxLength={2000}
                    value={message}
                    onChange={(e) => setMessage(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && !e.shiftKey) {
                        e.preventDefault()
                        void decide('deny', message.trim() ? { message: message.trim() } : {})
                      }
                    }}
                  />
                </form>
              )}
            </>
          )}
        </div>
        {!isQuestion && (
          <footer className="dialog-foot">
            <button
              type="button"
              className="button subtle"
              onClick={() => useAppStore.getState().setPermissionDialogHidden(true)}
            >
              Later {keys('permission.later') && <Keycaps combo={keys('permission.later')!} />}
            </button>
            <span className="spacer" />
            {denying ? (
              <button
                type="button"
                className="button danger"
                disabled={busy}
                onClick={() =>
                  void decide('deny', message.trim() ? { message: message.trim() } : {})
                }
              >
                Deny
              </button>
            ) : (
              <button
                type="button"
                className="button danger-outline"
                disabled={busy}
                onClick={() => setDenying(true)}
              >
                Deny {keys('permission.deny') && <Keycaps combo={keys('permission.deny')!} />}
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={busy || !canAlways}
              title={
                req.always?.available
                  ? `Allow now and save: ${req.always.rules.map((r) => r.text).join(', ')}`
                  : `Not offered: ${req.always?.reason ?? 'no rule for this request'}`
              }
              onClick={() => void decide('always')}
            >
              Always {keys('permission.always') && <Keycaps combo={keys('permission.always')!} />}
            </button>
            <button
              type="button"
              className="button primary"
              disabled={busy}
              onClick={() => void decide('allow')}
              data-autofocus
            >
              Allow {keys('permission.allow') && <Keycaps combo={keys('permission.allow')!} />}
            </button>
          </footer>
        )}
      </div>
    </div>
  )
}
