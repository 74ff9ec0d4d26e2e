/** Settings › Permissions: the rules "Always allow" saved through Atelier, each revocable. */
import { useEffect, useState } from 'react'
import { ShieldOff } from 'lucide-react'
import type { SavedRule } from '@shared/permissions'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import { tildePath } from '../common/format'

export function SavedRules() {
  const [rules, setRules] = useState<SavedRule[] | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  useEffect(() => {
    void attempt('Could not read the saved rules', () =>
      core().invoke('permissions.rules', {}),
    ).then((r) => r && setRules(r.rules))
  }, [])
  const revoke = async (r: SavedRule) => {
    setBusy(`${r.file}\n${r.rule}`)
    const next = await attempt('Could not revoke the rule', () =>
      core().invoke('permissions.revokeRule', { rule: r.rule, file: r.file }),
    )
    setBusy(null)
    if (!next) return
    setRules(next.rules)
    useAppStore.getState().toast('success', `Revoked ${r.rule}`)
  }
  return (
    <div className="saved-rules">
      <p className="setting-hint">
        Rules that “Always allow” saved through Atelier. Claude Code lets calls that match them run
        without asking. Revoking takes the rule out of its settings file; the rest of the file stays
        as it is.
      </p>
      {rules === null ? (
        <span className="muted">…</span>
      ) : rules.length === 0 ? (
        <p className="muted">
          No saved rules yet. Choosing “Always” on a permission request saves one, and it shows up
          here.
        </p>
      ) : (
        <ul>
          {rules.map((r) => {
            const key = `${r.file}\n${r.rule}`
            return (
              <li key={key} className="saved-rule">
                <div className="saved-rule-text">
                  <code>{r.rule}</code>
                  <span>{r.meaning}</span>
                  <span className="muted">
                    {tildePath(r.file)} · {new Date(r.createdAt).toLocaleString()}
                    {r.present ? '' : ' · no longer in the file'}
                  </span>
                </div>
                <button
                  type="button"
                  className="button subtle"
                  disabled={busy === key}
                  onClick={() => void revoke(r)}
                  aria-label={`Revoke ${r.rule}`}
                >
                  <ShieldOff size={14} aria-hidden /> {r.present ? 'Revoke' : 'Forget'}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
