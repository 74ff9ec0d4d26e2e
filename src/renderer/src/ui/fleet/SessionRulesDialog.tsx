/** A session's rules: its priority (parking), its budget with warn and stop, and the override. */
import { useState } from 'react'
import { PiggyBank } from 'lucide-react'
import { BudgetSchema, DEFAULT_POLICY, type Budget, type Priority } from '@shared/fleet'
import { useAppStore } from '../../store'
import { CheckField, Dialog, Field } from '../dialogs/Dialog'
import { setPolicy } from './fleet-actions'

const DEFAULT_WARN_PERCENT = 80

export function SessionRulesDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const session = useAppStore((s) => s.sessions.find((x) => x.id === sessionId))
  const policy =
    useAppStore((s) => s.fleet?.sessions.find((x) => x.sessionId === sessionId)?.policy) ??
    DEFAULT_POLICY
  const [priority, setPriority] = useState<Priority>(policy.priority)
  const [hasBudget, setHasBudget] = useState(policy.budget !== null)
  const [kind, setKind] = useState<Budget['kind']>(policy.budget?.kind ?? 'cost')
  const [limit, setLimit] = useState(String(policy.budget?.limit ?? ''))
  const [warn, setWarn] = useState(String(policy.budget?.warnPercent ?? DEFAULT_WARN_PERCENT))
  const [stop, setStop] = useState(policy.budget?.stop ?? true)
  const [override, setOverride] = useState(policy.override)
  const [busy, setBusy] = useState(false)
  if (!session) return null
  const budget = hasBudget
    ? BudgetSchema.safeParse({ kind, limit: Number(limit), warnPercent: Number(warn), stop })
    : null
  const error =
    budget && !budget.success
      ? limit === ''
        ? null
        : `${budget.error.issues[0]?.path.join('.')}: ${budget.error.issues[0]?.message}`
      : null
  const valid = !budget || budget.success
  const save = async () => {
    if (!valid || busy) return
    setBusy(true)
    const ok = await setPolicy(sessionId, {
      priority,
      budget: budget?.success ? budget.data : null,
      override,
    })
    setBusy(false)
    if (ok) onClose()
  }
  return (
    <Dialog
      title={`Rules for ${session.name}`}
      icon={<PiggyBank size={16} aria-hidden />}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="rules-form"
            className="button primary"
            disabled={!valid || busy || (hasBudget && limit === '')}
          >
            Save
          </button>
        </>
      }
    >
      <form
        id="rules-form"
        className="rules-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Field
          label="Priority"
          hint="Low-priority sessions are parked while the 5-hour window is past the threshold in Settings."
        >
          <div className="segmented" role="radiogroup" aria-label="Priority">
            {(['normal', 'low'] as const).map((p) => (
              <label key={p} className={priority === p ? 'is-on' : undefined}>
                <input
                  type="radio"
                  name="priority"
                  checked={priority === p}
                  onChange={() => setPriority(p)}
                />
                {p === 'normal' ? 'Normal' : 'Low'}
              </label>
            ))}
          </div>
        </Field>
        <CheckField
          checked={hasBudget}
          onChange={setHasBudget}
          label="A budget for this session"
          hint="Counted from everything the session used, across /clear and restarts."
        />
        {hasBudget && (
          <>
            <div className="field-row">
              <Field label="Limit" htmlFor="budget-limit" error={error}>
                <div className="budget-limit">
                  <input
                    id="budget-limit"
                    type="number"
                    min={0}
                    step={kind === 'cost' ? 0.5 : 10000}
                    value={limit}
                    data-autofocus
                    onChange={(e) => setLimit(e.target.value)}
                  />
                  <select
                    aria-label="Unit"
                    value={kind}
                    onChange={(e) => setKind(e.target.value as Budget['kind'])}
                  >
                    <option value="cost">US dollars</option>
                    <option value="tokens">tokens</option>
                  </select>
                </div>
              </Field>
              <Field label="Warn at (%)" htmlFor="budget-warn">
                <input
                  id="budget-warn"
                  type="number"
                  min={1}
                  max={100}
                  value={warn}
                  onChange={(e) => setWarn(e.target.value)}
                />
              </Field>
            </div>
            <CheckField
              checked={stop}
              onChange={setStop}
              label="Stop at the limit"
              hint="Interrupts the running turn once and holds further prompts. Nothing is killed."
            />
          </>
        )}
        <CheckField
          checked={override}
          onChange={setOverride}
          label="Run regardless of the rules"
          hint="Ignores the budget stop and parking until you turn this off."
        />
      </form>
    </Dialog>
  )
}
