/**
 * The usage view: the subscription's rate-limit windows with their forecast, who burns the most,
 * the last 7 days, totals per repository, and every session's figures with its last turn.
 */
import { useState } from 'react'
import { Gauge, TriangleAlert } from 'lucide-react'
import { RATE_WINDOW_LABEL, totalTokens, type WindowForecast } from '@shared/usage'
import { useAppStore } from '../../store'
import { Dialog } from '../dialogs/Dialog'
import { baseName } from '@shared/text'
import { compactNumber, formatCost, tildePath } from '../common/format'
import { useNow } from '../common/use-now'
import { sessionsInOrder } from '../commands'
import { sessionColorVar } from '../../theme/session-palette'
import { costLabel, duration, tokensLabel, tokensTitle } from './fleet-format'
import { WeekChart } from './WeekChart'
import { SessionTurns } from './SessionTurns'
import '../common/data-table.css'
import './fleet.css'

const TICK_MS = 15_000

function clockTime(ms: number, now: number): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString()
  return new Date(ms).toLocaleString([], {
    ...(sameDay ? {} : { weekday: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** "12 %/h", "2.5 %/h": points of the window per hour. */
function rate(perHour: number): string {
  return `${perHour >= 10 ? Math.round(perHour) : perHour.toFixed(1)} %/h`
}

function WindowMeter({ w, warnAt, now }: { w: WindowForecast; warnAt: number; now: number }) {
  const runsOut = w.exhaustsAt !== null
  return (
    <div className={`window-meter${w.warning ? ' is-warn' : ''}`} data-testid="window-meter">
      <div className="window-meter-head">
        <span className="window-name">{RATE_WINDOW_LABEL[w.window]}</span>
        <span className="window-used">{Math.round(w.usedPercent)}% used</span>
      </div>
      <div
        className="window-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(w.usedPercent)}
        aria-label={`${RATE_WINDOW_LABEL[w.window]} used`}
      >
        <span className="window-fill" style={{ width: `${Math.min(100, w.usedPercent)}%` }} />
        <span className="window-threshold" style={{ left: `${warnAt}%` }} title="Warning at" />
      </div>
      <div className="window-facts">
        <span>
          Resets {clockTime(w.resetsAt, now)} (in {duration(w.resetsAt - now)})
        </span>
        <span className={runsOut ? 'window-runs-out' : undefined}>
          {runsOut && <TriangleAlert size={12} aria-hidden />}
          {w.burnPercentPerHour === null
            ? 'Burn rate: needs a second reading'
            : runsOut
              ? `At ${rate(w.burnPercentPerHour)} it runs out ${clockTime(w.exhaustsAt!, now)} (in ${duration(w.exhaustsAt! - now)})`
              : w.burnPercentPerHour > 0
                ? `At ${rate(w.burnPercentPerHour)} it lasts until the reset`
                : 'Not burning right now'}
        </span>
      </div>
    </div>
  )
}

export function UsageDialog({ onClose }: { onClose(): void }) {
  const usage = useAppStore((s) => s.usage)
  const sessions = useAppStore((s) => s.sessions)
  const settings = useAppStore((s) => s.settings)
  const now = useNow(true, TICK_MS)
  const selected = useAppStore((s) => s.selectedSessionId)
  const [chosen, setChosen] = useState<string | null>(null)
  const ordered = sessionsInOrder()
  const turnsOf = chosen ?? selected ?? ordered[0]?.id ?? null
  const nameOf = (id: string) => sessions.find((s) => s.id === id)?.name ?? 'deleted session'
  const colorOf = (id: string) => sessionColorVar(sessions.find((s) => s.id === id))
  if (!usage) return null
  const warnAt = settings?.fleet.quotaWarnPercent ?? 80
  const parking = settings?.fleet.parking
  const week = usage.days.reduce(
    (a, d) => ({ cost: a.cost + d.costUsd, tokens: a.tokens + d.tokens }),
    { cost: 0, tokens: 0 },
  )
  const bySession = new Map(usage.sessions.map((r) => [r.sessionId, r]))
  return (
    <Dialog title="Usage and quota" icon={<Gauge size={16} aria-hidden />} onClose={onClose} wide>
      <div className="usage-grid" data-testid="usage-view">
        <section>
          <h3 className="section-title">Rate limits</h3>
          {usage.quota.windows.length === 0 ? (
            <p className="muted usage-empty">
              No rate-limit window reported yet. Claude Code reports the 5-hour and 7-day windows of
              a subscription after its first reply.
            </p>
          ) : (
            usage.quota.windows.map((w) => (
              <WindowMeter key={w.window} w={w} warnAt={warnAt} now={now} />
            ))
          )}
          {parking && (
            <p className="muted usage-rule">
              {parking.enabled
                ? `Low-priority sessions park at ${parking.fiveHourPercent}% of the 5-hour window, until it resets.`
                : 'Parking is off.'}{' '}
              Warning at {warnAt}%. Change both in Settings.
            </p>
          )}
          <h3 className="section-title">Burning most (last hour)</h3>
          {usage.quota.topConsumers.length === 0 ? (
            <p className="muted usage-empty">Nothing used in the last hour.</p>
          ) : (
            <ol className="consumers">
              {usage.quota.topConsumers.map((c) => (
                <li key={c.sessionId}>
                  <span className="dot" style={{ background: colorOf(c.sessionId) }} aria-hidden />
                  <span className="consumer-name">{nameOf(c.sessionId)}</span>
                  <span className="consumer-bar" aria-hidden>
                    <span style={{ width: `${Math.round(c.share * 100)}%` }} />
                  </span>
                  <span className="consumer-figure">
                    {Math.round(c.share * 100)}% · {formatCost(c.costUsd)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section>
          <h3 className="section-title">Last 7 days</h3>
          <WeekChart days={usage.days} />
          <div className="week-totals">
            <span>
              Today <strong>{formatCost(usage.today.costUsd)}</strong> ·{' '}
              {tokensLabel(usage.today.tokens)}
            </span>
            <span>
              7 days <strong>{formatCost(week.cost)}</strong> · {tokensLabel(week.tokens)}
            </span>
          </div>
          <h3 className="section-title">By repository (7 days)</h3>
          {usage.repos.length === 0 ? (
            <p className="muted usage-empty">No usage yet.</p>
          ) : (
            <table className="data-table">
              <tbody>
                {usage.repos.map((r) => (
                  <tr key={r.repo}>
                    <td title={tildePath(r.repo)}>{baseName(r.repo) || r.repo}</td>
                    <td className="num">{tokensLabel(r.tokens)}</td>
                    <td className="num">{formatCost(r.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      <h3 className="section-title">Sessions</h3>
      <table className="data-table usage-sessions" data-testid="usage-sessions">
        <thead>
          <tr>
            <th>Session</th>
            <th className="num">In</th>
            <th className="num">Out</th>
            <th className="num">Cache</th>
            <th className="num">Cost</th>
            <th className="num">Context</th>
            <th className="num">Last turn</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((s) => {
            const r = bySession.get(s.id)
            const t = r?.total.tokens
            return (
              <tr key={s.id} className={s.id === turnsOf ? 'is-chosen' : undefined}>
                <td>
                  <button
                    type="button"
                    className="usage-session"
                    aria-pressed={s.id === turnsOf}
                    onClick={() => setChosen(s.id)}
                    title="Show its turns"
                  >
                    <span className="dot" style={{ background: colorOf(s.id) }} aria-hidden />{' '}
                    {s.name}
                  </button>
                </td>
                <td className="num">{t ? compactNumber(t.input) : '—'}</td>
                <td className="num">{t ? compactNumber(t.output) : '—'}</td>
                <td className="num" title={t ? tokensTitle(t) : undefined}>
                  {t ? compactNumber(t.cacheWrite + t.cacheRead) : '—'}
                </td>
                <td className="num">{r ? costLabel(r.total) : '—'}</td>
                <td className="num">
                  {r?.context
                    ? r.context.percent !== undefined
                      ? `${Math.round(r.context.percent)}%`
                      : tokensLabel(r.context.tokens)
                    : '—'}
                </td>
                <td className="num" title={r?.turn ? tokensTitle(r.turn.usage.tokens) : undefined}>
                  {r?.turn
                    ? `${costLabel(r.turn.usage)} · ${compactNumber(totalTokens(r.turn.usage.tokens))}`
                    : '—'}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {turnsOf && (
        <>
          <h3 className="section-title usage-turns-title">
            Turns of {sessions.find((s) => s.id === turnsOf)?.name ?? 'the session'}
          </h3>
          <SessionTurns sessionId={turnsOf} version={bySession.get(turnsOf)?.updatedAt ?? 0} />
        </>
      )}
    </Dialog>
  )
}
