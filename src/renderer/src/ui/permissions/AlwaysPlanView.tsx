/**
 * What "Always allow" would save for the request on screen: each rule as written and what it
 * allows, and the settings file it goes to — or why "Always" is not offered.
 */
import { Info } from 'lucide-react'
import type { AlwaysPlan } from '@shared/permissions'
import { tildePath } from '../common/format'

export function AlwaysPlanView({ plan }: { plan: AlwaysPlan | undefined }) {
  if (!plan) return null
  if (!plan.available)
    return (
      <p className="always-plan unavailable" data-testid="always-plan">
        <Info size={14} aria-hidden />
        <span>“Always” is not offered: {plan.reason}.</span>
      </p>
    )
  return (
    <section className="always-plan" aria-label="What Always allows" data-testid="always-plan">
      <h3>
        “Always” allows{' '}
        <span className="muted">
          {plan.source === 'claude' ? '(Claude Code’s suggestion)' : '(exactly this request)'}
        </span>
      </h3>
      <ul>
        {plan.rules.map((r) => (
          <li key={r.text}>
            <code>{r.text}</code>
            <span className="muted">{r.meaning}</span>
          </li>
        ))}
      </ul>
      <p className="muted">
        {plan.file ? (
          <>
            Saved in <code>{tildePath(plan.file)}</code>; review or revoke it in Settings ›
            Permissions.
          </>
        ) : (
          'For this session only: nothing is written to a file.'
        )}
      </p>
    </section>
  )
}
