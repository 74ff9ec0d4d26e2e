/**
 * A recorded run for the state-at-time tests: the events as the app stored them (seq, arrival
 * time) and, after each batch the app applied, every session's lifecycle as the live app held it.
 * test/node/cli/replay-real-cli.test.ts records one from the real CLI (and writes it to
 * REAL_CLI_RECORDING with ATELIER_WRITE_REPLAY_FIXTURE=1); test/node/replay/real-cli-recording.test.ts
 * rebuilds its instants on every run without the CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CanonicalEvent } from '@shared/events'
import type { SessionKind, SessionLifecycle } from '@shared/lifecycle'

export const REAL_CLI_RECORDING = join(
  import.meta.dirname,
  '../fixtures/replay/real-cli-recording.json',
)

/** What the state-at-time comparison looks at: what the workshop shows of a session. */
export type ComparableLifecycle = Pick<
  SessionLifecycle,
  'state' | 'tools' | 'subagents' | 'failure'
>

export interface LiveInstant {
  /** The newest applied event: its seq and its arrival time. */
  seq: number
  ts: number
  sessions: Record<string, ComparableLifecycle>
}

export interface Recording {
  cliVersion: string
  kinds: Record<string, SessionKind>
  events: CanonicalEvent[]
  live: LiveInstant[]
}

export function comparable(lc: ComparableLifecycle): ComparableLifecycle {
  return JSON.parse(
    JSON.stringify({
      state: lc.state,
      tools: lc.tools,
      subagents: lc.subagents,
      failure: lc.failure,
    }),
  ) as ComparableLifecycle
}

/** A probe for startTestCore that records every session's live lifecycle after each batch. */
export function liveRecorder(): {
  live: LiveInstant[]
  probe: {
    applied(
      events: readonly CanonicalEvent[],
      lifecycleOf: (id: string) => SessionLifecycle | undefined,
    ): void
  }
} {
  const live: LiveInstant[] = []
  const known = new Set<string>()
  return {
    live,
    probe: {
      applied(events, lifecycleOf) {
        for (const e of events) known.add(e.sessionId)
        const sessions: LiveInstant['sessions'] = {}
        for (const id of known) {
          const lc = lifecycleOf(id)
          if (lc) sessions[id] = comparable(lc)
        }
        const last = events[events.length - 1]
        live.push({ seq: last.seq!, ts: last.ts, sessions })
      },
    },
  }
}

/**
 * Instants a seek can name: the last event received in its millisecond (a later event in the
 * same millisecond is part of that instant too).
 */
export function seekableInstants(live: readonly LiveInstant[]): LiveInstant[] {
  return live.filter((i, k) => k === live.length - 1 || live[k + 1].ts > i.ts)
}

export function readRecording(): Recording {
  return JSON.parse(readFileSync(REAL_CLI_RECORDING, 'utf8')) as Recording
}

export function writeRecording(recording: Recording): void {
  writeFileSync(REAL_CLI_RECORDING, `${JSON.stringify(recording, null, 1)}\n`)
}
