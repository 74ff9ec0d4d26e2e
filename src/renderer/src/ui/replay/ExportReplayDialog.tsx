/**
 * Export a stretch of the history as one HTML file that replays it anywhere: which stretch
 * (by default the hour up to the replay clock), which sessions, and what to redact. The request
 * is checked against the contract's schema before it goes, so a bad pattern says so here.
 */
import { useMemo, useState } from 'react'
import { FileDown } from 'lucide-react'
import { ReplayExportRequestSchema } from '@shared/contract/replay'
import { useAppStore } from '../../store'
import { CancelAndAction, CheckField, Dialog, Field } from '../dialogs/Dialog'
import { saveReplayExport } from './save-export'
import { fromLocalInput, toLocalInput } from './local-time-input'

/** The stretch offered first: this long before the replay clock. */
export const DEFAULT_EXPORT_SPAN_MS = 60 * 60_000

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)

export function ExportReplayDialog({ onClose }: { onClose(): void }) {
  const replay = useAppStore((s) => s.replay)
  const live = replay?.liveSessions
  const sessions = useMemo(() => live ?? [], [live])
  const clock = replay?.clock ?? Date.now()
  const firstTs = replay?.span.firstTs ?? clock
  // A whole second, so the inputs (which show seconds) round-trip the end exactly.
  const [from, setFrom] = useState(toLocalInput(Math.max(firstTs, clock - DEFAULT_EXPORT_SPAN_MS)))
  const [to, setTo] = useState(toLocalInput(Math.ceil(clock / 1000) * 1000))
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set())
  const [secrets, setSecrets] = useState(true)
  const [toolOutputs, setToolOutputs] = useState(false)
  const [strings, setStrings] = useState('')
  const [patterns, setPatterns] = useState('')
  const [busy, setBusy] = useState(false)

  const request = useMemo(() => {
    const chosen = sessions.filter((s) => !excluded.has(s.id)).map((s) => s.id)
    return ReplayExportRequestSchema.safeParse({
      from: fromLocalInput(from),
      // The end input shows whole seconds: the whole of its last second belongs to the stretch.
      to: fromLocalInput(to) + 999,
      ...(excluded.size > 0 ? { sessionIds: chosen } : {}),
      redact: { strings: lines(strings), patterns: lines(patterns), secrets, toolOutputs },
    })
  }, [sessions, excluded, from, to, strings, patterns, secrets, toolOutputs])
  const issue = request.success ? null : request.error.issues[0]
  const errorAt = (path: string) =>
    issue && issue.path.join('.').startsWith(path) ? issue.message : null
  const noSession = sessions.length > 0 && excluded.size === sessions.length

  const run = async () => {
    if (!request.success || busy || noSession) return
    setBusy(true)
    const saved = await saveReplayExport(request.data)
    setBusy(false)
    if (saved) onClose()
  }

  return (
    <Dialog
      title="Export replay"
      icon={<FileDown size={16} aria-hidden />}
      onClose={onClose}
      wide
      footer={
        <CancelAndAction
          onCancel={onClose}
          action={busy ? 'Exporting…' : 'Export'}
          form="replay-export-form"
          disabled={!request.success || busy || noSession}
        />
      }
    >
      <form
        id="replay-export-form"
        className="replay-export-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <p className="field-hint">
          One HTML file that plays this stretch in any browser, offline: the workshop, the feed and
          a timeline per session.
        </p>
        <div className="replay-export-range">
          <Field label="From" htmlFor="replay-export-from" error={errorAt('from')}>
            <input
              id="replay-export-from"
              type="datetime-local"
              step={1}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-autofocus
            />
          </Field>
          <Field label="To" htmlFor="replay-export-to" error={errorAt('to')}>
            <input
              id="replay-export-to"
              type="datetime-local"
              step={1}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </Field>
        </div>
        {sessions.length > 0 && (
          <fieldset className="replay-export-sessions">
            <legend>Sessions</legend>
            {sessions.map((s) => (
              <label key={s.id} className="replay-export-session">
                <input
                  type="checkbox"
                  checked={!excluded.has(s.id)}
                  onChange={(e) => {
                    const next = new Set(excluded)
                    if (e.target.checked) next.delete(s.id)
                    else next.add(s.id)
                    setExcluded(next)
                  }}
                />
                {s.name}
              </label>
            ))}
            {noSession && (
              <div className="field-error" role="alert">
                Choose at least one session
              </div>
            )}
          </fieldset>
        )}
        <CheckField
          checked={secrets}
          onChange={setSecrets}
          label="Remove known secrets"
          hint="API keys, tokens, private keys, passwords in URLs and PASSWORD=… lines"
        />
        <CheckField
          checked={toolOutputs}
          onChange={setToolOutputs}
          label="Leave out tool outputs"
          hint="What commands printed and files contained; the calls themselves stay"
        />
        <LinesField
          id="replay-export-strings"
          label="Also remove these strings (one per line, any letter case)"
          value={strings}
          onChange={setStrings}
          error={errorAt('redact.strings')}
          placeholder="Client name, hostname…"
        />
        <LinesField
          id="replay-export-patterns"
          label="And what matches these patterns (regular expressions, one per line)"
          value={patterns}
          onChange={setPatterns}
          error={errorAt('redact.patterns')}
          placeholder="TICKET-\d+"
        />
      </form>
    </Dialog>
  )
}

/** A list typed one item per line. */
function LinesField(props: {
  id: string
  label: string
  value: string
  onChange(value: string): void
  error: string | null
  placeholder: string
}) {
  return (
    <Field label={props.label} htmlFor={props.id} error={props.error}>
      <textarea
        id={props.id}
        rows={2}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
      />
    </Field>
  )
}
