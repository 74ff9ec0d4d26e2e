/** Everything about one session: identity, usage and cost, tools used, files touched, git. */
import { Info } from 'lucide-react'
import { core } from '../../transport'
import { useAnswer } from '../common/use-answer'
import { useAppStore } from '../../store'
import { compactNumber, timeAgo, tildePath } from '../common/format'
import { formatDuration, shortenPath } from '../feed/tool-info'
import { costLabel, usageFigureLabel } from '../fleet/fleet-format'
import { STATUS_LABEL } from '../sessions/status'
import { Dialog } from './Dialog'
import { zoneStats } from './zone-stats'
import { SessionGitPanel } from '../../git/SessionGitPanel'
import '../common/data-table.css'
import './zone-info-dialog.css'

/** Events read for the statistics (the contract's page limit). */
const STATS_EVENT_LIMIT = 5000
/** Files listed before "and N more" (original: 10). */
const FILES_SHOWN = 10

export function ZoneInfoDialog({ sessionId, onClose }: { sessionId: string; onClose(): void }) {
  const session = useAppStore((s) => s.sessions.find((x) => x.id === sessionId))
  const memoryEvents = useAppStore((s) => s.events)
  const usage = useAppStore((s) => s.usage)
  const stored = useAnswer(
    () =>
      core()
        .invoke('events.list', { sessionId, limit: STATS_EVENT_LIMIT })
        .then((r) => r.events),
    null,
    [sessionId],
  )
  if (!session) return null
  const stats = zoneStats(stored ?? memoryEvents.filter((e) => e.sessionId === sessionId))
  const u = session.usage
  const report = usage?.sessions.find((r) => r.sessionId === sessionId)
  return (
    <Dialog title={session.name} icon={<Info size={16} aria-hidden />} onClose={onClose} wide>
      <div className="zone-grid">
        <section>
          <h3 className="section-title">Session</h3>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <span className={`status-pill status-${session.status}`}>
                {STATUS_LABEL[session.status]}
              </span>
              {session.currentTool && ` · using ${session.currentTool}`}
            </dd>
            <dt>Folder</dt>
            <dd>
              <code>{tildePath(session.cwd)}</code>
            </dd>
            {session.worktree && (
              <>
                <dt>Worktree</dt>
                <dd>
                  <code>{session.worktree.branch}</code>
                </dd>
              </>
            )}
            <dt>Kind</dt>
            <dd>
              {session.kind === 'managed'
                ? `Started by Atelier (${session.backend ?? 'pty'})`
                : 'Observed through global hooks'}{' '}
              · {session.permissionMode}
            </dd>
            <dt>Started</dt>
            <dd>{timeAgo(session.createdAt)}</dd>
            <dt>Last activity</dt>
            <dd>{timeAgo(session.lastActivity)}</dd>
            <dt>Claude session</dt>
            <dd>
              <code>{session.claudeSessionId ?? 'not linked yet'}</code>
            </dd>
          </dl>
        </section>
        <section>
          <h3 className="section-title">Usage</h3>
          <div className="stat-tiles">
            <Stat label="Session cost" value={report ? costLabel(report.total) : '—'} />
            <Stat
              label={report?.turn?.endedAt === undefined ? 'This turn' : 'Last turn'}
              value={report?.turn ? usageFigureLabel(report.turn.usage) : '—'}
            />
            <Stat
              label="Session tokens in / out"
              value={
                report
                  ? `${compactNumber(report.total.tokens.input)} / ${compactNumber(report.total.tokens.output)}`
                  : '—'
              }
            />
            <Stat
              label="Context"
              value={
                report?.context
                  ? report.context.percent !== undefined
                    ? `${Math.round(report.context.percent)}%`
                    : compactNumber(report.context.tokens)
                  : '—'
              }
            />
            <Stat label="Prompts" value={String(stats.prompts)} />
            <Stat label="Tool calls" value={String(stats.toolCalls)} />
            <Stat label="Subagents" value={String(stats.subagents)} />
          </div>
          {(u.model ?? session.model) && <p className="muted">Model: {u.model ?? session.model}</p>}
        </section>
        <section>
          <h3 className="section-title">Tools used</h3>
          {stats.tools.length === 0 ? (
            <p className="muted">No tool calls yet.</p>
          ) : (
            <table className="data-table tool-table">
              <thead>
                <tr>
                  <th>Tool</th>
                  <th>Calls</th>
                  <th>Failed</th>
                  <th>Denied</th>
                  <th>Avg time</th>
                </tr>
              </thead>
              <tbody>
                {stats.tools.map((t) => (
                  <tr key={t.tool}>
                    <td>{t.tool}</td>
                    <td>{t.count}</td>
                    <td className={t.failures ? 'is-err' : undefined}>{t.failures}</td>
                    <td>{t.denied}</td>
                    <td>{t.avgMs === null ? '—' : formatDuration(t.avgMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h3 className="section-title">Files touched</h3>
          {stats.files.length === 0 ? (
            <p className="muted">No files yet.</p>
          ) : (
            <ul className="file-list">
              {stats.files.slice(0, FILES_SHOWN).map((f) => (
                <li key={f}>
                  <code>{shortenPath(f, session.cwd)}</code>
                </li>
              ))}
              {stats.files.length > FILES_SHOWN && (
                <li className="muted">and {stats.files.length - FILES_SHOWN} more</li>
              )}
            </ul>
          )}
        </section>
      </div>
      <section className="zone-git">
        <h3 className="section-title">Git</h3>
        <SessionGitPanel sessionId={session.id} />
      </section>
    </Dialog>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  )
}
