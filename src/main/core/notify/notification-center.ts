/**
 * Decides which events become desktop notifications (permission request, question, finished,
 * failed) and hands them to sinks: the Electron adapter (native notifications) and the hub's
 * `notify` push (the browser Notification API in headless mode). Suppressed while the window
 * is focused on that session, when do-not-disturb or the kind's toggle is off, or over the rate
 * limit. Dispatch is synchronous with ingest, so latency stays far below 100 ms.
 */
import { createConsoleLogger, type Logger } from '../log/logger'
import type { CanonicalEvent } from '@shared/events'
import type { Settings } from '@shared/settings'
import type { z } from 'zod'
import type { NotifyKindSchema } from '@shared/contract'
import { BoundedMap } from '../util/bounded-map'

export type NotifyKind = z.infer<typeof NotifyKindSchema>

export interface DesktopNotification {
  kind: NotifyKind
  sessionId: string
  title: string
  body: string
  requestId?: string
  /** No sound: the user switched off this kind's cue (finished, or needs-you), or muted all. */
  silent?: boolean
  /**
   * Permission requests: whether the body shows everything "Allow" would approve. Only then may a
   * notification button allow it; otherwise the notification leads to the dialog.
   */
  allowFromNotification?: boolean
}

export interface NotificationSink {
  show(n: DesktopNotification): void
}

/** At most one notification of a kind per session in this window (permission excepted). */
export const PER_SESSION_COOLDOWN_MS = 5_000
/** And at most this many per minute overall. */
export const MAX_PER_MINUTE = 20
const MINUTE_MS = 60_000
const BODY_MAX_CHARS = 180

export interface FocusState {
  windowFocused: boolean
  sessionId: string | null
}

export class NotificationCenter {
  private readonly sinks = new Set<NotificationSink>()
  private readonly lastShown = new BoundedMap<string, number>(1_000)
  private recent: number[] = []
  private focus: FocusState = { windowFocused: false, sessionId: null }
  paused = false

  constructor(
    private readonly settings: () => Settings,
    private readonly sessionName: (id: string) => string | undefined,
    private readonly now: () => number = Date.now,
    private readonly log: Logger = createConsoleLogger(),
  ) {}

  addSink(sink: NotificationSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  /** Partial updates: the shell knows window focus, the renderer knows the shown session. */
  setFocus(focus: Partial<FocusState>): void {
    this.focus = { ...this.focus, ...focus }
  }

  /** Maps one event to a notification, or null when it should not notify. */
  toNotification(e: CanonicalEvent): DesktopNotification | null {
    const name = this.sessionName(e.sessionId) ?? 'A session'
    if (e.agentId) return null
    switch (e.type) {
      case 'permission.request':
        return {
          kind: 'permission',
          sessionId: e.sessionId,
          requestId: e.requestId,
          title: `${name} needs permission`,
          body: describeTool(e.tool, e.input),
          allowFromNotification: fullyShown(e.tool, e.input),
        }
      case 'tool.start':
        if (e.tool !== 'AskUserQuestion') return null
        return {
          kind: 'question',
          sessionId: e.sessionId,
          requestId: e.id,
          title: `${name} has a question`,
          body: firstQuestion(e.input),
        }
      case 'stop':
        return {
          kind: 'finished',
          sessionId: e.sessionId,
          title: `${name} finished`,
          body: clip(e.text ?? 'Ready for the next prompt'),
        }
      case 'stop.failure':
        return {
          kind: 'failed',
          sessionId: e.sessionId,
          title: `${name} stopped on an error`,
          body: clip(e.details ?? e.error),
        }
      default:
        return null
    }
  }

  private allowed(n: DesktopNotification): boolean {
    const s = this.settings().notifications
    if (!s.enabled || s.doNotDisturb || this.paused) return false
    const toggle = {
      permission: s.onPermission,
      question: s.onQuestion,
      finished: s.onFinished,
      failed: s.onFailed,
    }[n.kind]
    if (!toggle) return false
    if (this.focus.windowFocused && this.focus.sessionId === n.sessionId) return false
    const now = this.now()
    const key = `${n.sessionId}:${n.kind}`
    const last = this.lastShown.get(key)
    // Each permission request is distinct and needs an answer: never rate-limit those, neither per
    // session nor by the per-minute cap (which used to swallow the 21st request of a busy minute,
    // leaving a blocked session with no notification). They do not count against the cap either.
    if (n.kind === 'permission') {
      this.lastShown.set(key, now)
      return true
    }
    if (last !== undefined && now - last < PER_SESSION_COOLDOWN_MS) return false
    this.recent = this.recent.filter((t) => now - t < MINUTE_MS)
    if (this.recent.length >= MAX_PER_MINUTE) return false
    this.recent.push(now)
    this.lastShown.set(key, now)
    return true
  }

  handle(events: CanonicalEvent[]): void {
    for (const e of events) {
      const n = this.toNotification(e)
      if (!n || !this.allowed(n)) continue
      n.silent = !cueEnabled(this.settings().sound, n.kind)
      for (const sink of this.sinks) {
        try {
          sink.show(n)
        } catch (err) {
          this.log.error('sink failed', err)
        }
      }
    }
  }
}

/** Each kind's sound follows its cue: "needs you" (a request, a question) and "finished". */
function cueEnabled(sound: Settings['sound'], kind: NotifyKind): boolean {
  if (sound.muted) return false
  if (kind === 'permission' || kind === 'question') return sound.needsYouCue
  if (kind === 'finished') return sound.finishedCue
  return true
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length > BODY_MAX_CHARS ? `${one.slice(0, BODY_MAX_CHARS - 1)}…` : one
}

/**
 * Tools whose whole effect is the one field a notification shows: the command that runs, the
 * file that is read, the page that is fetched — with the other inputs each may carry that change
 * nothing about that effect (a description, a time limit, which lines or what to look for). Any
 * other input (Bash's `dangerouslyDisableSandbox`, say, or one a later CLI adds) is not shown, so
 * the request is not fully shown. (An Edit or Write shows only its path, not what it writes.)
 */
const SHOWN_IN_FULL: Record<string, { field: string; unshownButHarmless: readonly string[] }> = {
  Bash: { field: 'command', unshownButHarmless: ['description', 'timeout', 'run_in_background'] },
  Read: { field: 'file_path', unshownButHarmless: ['offset', 'limit', 'pages'] },
  WebFetch: { field: 'url', unshownButHarmless: ['prompt'] },
}

/**
 * Characters a notification does not show as themselves: controls, and format characters such as
 * bidi overrides (which reorder what follows) and zero-width spaces (which vanish).
 */
const UNSHOWN_CHARACTERS = /[\p{Cc}\p{Cf}]/u

/** True when describeTool shows the request's whole effect, unclipped and on one line as given. */
function fullyShown(tool: string, input: unknown): boolean {
  const spec = SHOWN_IN_FULL[tool]
  if (!spec || !input || typeof input !== 'object') return false
  const fields = input as Record<string, unknown>
  const value = fields[spec.field]
  if (typeof value !== 'string' || UNSHOWN_CHARACTERS.test(value)) return false
  if (Object.keys(fields).some((k) => k !== spec.field && !spec.unshownButHarmless.includes(k)))
    return false
  return describeTool(tool, input) === `${tool}: ${value}`
}

export function describeTool(tool: string, input: unknown): string {
  const i = (input ?? {}) as Record<string, unknown>
  const detail =
    typeof i.command === 'string'
      ? i.command
      : typeof i.file_path === 'string'
        ? i.file_path
        : typeof i.url === 'string'
          ? i.url
          : typeof i.pattern === 'string'
            ? i.pattern
            : ''
  return clip(detail ? `${tool}: ${detail}` : tool)
}

function firstQuestion(input: unknown): string {
  const qs = ((input ?? {}) as { questions?: { question?: string }[] }).questions
  return clip(qs?.[0]?.question ?? 'Claude asks you to choose an option')
}
