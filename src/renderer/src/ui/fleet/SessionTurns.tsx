/** One session's recent turns in the usage view: when, how long, tokens and cost of each. */
import { totalTokens } from '@shared/usage'
import { core } from '../../transport'
import { useAnswer } from '../common/use-answer'
import { compactNumber } from '../common/format'
import { costLabel, duration, tokensTitle } from './fleet-format'

/** "12s" under a minute, else "3m", "1h 5m". */
function took(ms: number): string {
  return ms < 60_000 ? `${Math.max(0, Math.round(ms / 1000))}s` : duration(ms)
}

/** Turns listed. */
export const TURNS_SHOWN = 10

export function SessionTurns({ sessionId, version }: { sessionId: string; version: number }) {
  const turns = useAnswer(
    () =>
      core()
        .invoke('usage.turns', { sessionId, limit: TURNS_SHOWN })
        .then((r) => r.turns),
    [],
    [sessionId, version],
  )
  if (!turns) return null
  if (turns.length === 0) return <p className="muted usage-empty">No turn yet.</p>
  return (
    <table className="data-table usage-turns" data-testid="usage-turns">
      <thead>
        <tr>
          <th>Started</th>
          <th className="num">Took</th>
          <th className="num">In</th>
          <th className="num">Out</th>
          <th className="num">Cache</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {turns.map((t) => {
          const k = t.usage.tokens
          return (
            <tr key={t.startedAt} title={tokensTitle(k)}>
              <td>
                {new Date(t.startedAt).toLocaleTimeString([], {
                  hour: '2-digit',
                  minute: '2-digit',
                  second: '2-digit',
                })}
              </td>
              <td className="num">
                {t.endedAt !== undefined ? took(t.endedAt - t.startedAt) : 'running'}
              </td>
              <td className="num">{compactNumber(k.input)}</td>
              <td className="num">{compactNumber(k.output)}</td>
              <td className="num">{compactNumber(totalTokens(k) - k.input - k.output)}</td>
              <td className="num">{costLabel(t.usage)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
