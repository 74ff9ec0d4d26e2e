/**
 * Whether a host that runs sessions can be reached, and getting back to it when it cannot
 * (docs/remote-hosts.md, "A flaky network"). While sessions run there, one small command goes
 * over the shared connection every HEARTBEAT_MS; it lists the hook spools waiting on the host, so
 * the same round trip that says the link is alive also says what to replay.
 *
 * A heartbeat that fails or takes longer than HEARTBEAT_TIMEOUT_MS makes the host `reconnecting`:
 * attempts follow with exponential backoff and full jitter (reconnectDelayMs). Each attempt is the
 * same command, which opens a new master when the old one died. Once one answers, the host is
 * recovered (its forwards made again on the same host ports, its sessions' terminal streams
 * re-attached), its spools are replayed, and only then is it `connected` again.
 */

/** How often a host with sessions is asked whether it is there (and for its spools). */
export const HEARTBEAT_MS = 2_000
/** A heartbeat not answered within this means the link is down (a live one takes milliseconds). */
export const HEARTBEAT_TIMEOUT_MS = 5_000
/** The first retry waits up to this; each later one up to twice the last, capped. */
export const BACKOFF_BASE_MS = 500
export const BACKOFF_CAP_MS = 30_000

/**
 * How long to wait before reconnection attempt `attempt` (1 for the first): "full jitter", a
 * uniform draw below min(cap, base·2^(attempt−1)), so hosts dropped together do not retry in step.
 */
export function reconnectDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt - 1, 16))
  return Math.floor(random() * ceiling)
}

export type LinkState =
  | { state: 'connected' }
  | {
      state: 'reconnecting'
      /** The attempt that is next (1 for the first after the link was found down). */
      attempt: number
      /** When the link was found down, and when the next attempt runs (ms since the epoch). */
      since: number
      nextTryAt: number
      /** Why the last heartbeat or attempt failed. */
      error: string
    }

export type ProbeResult = { ok: true; spools: string[] } | { ok: false; error: string }

export interface HostLinkDeps {
  /** One round trip to the host: the spool files waiting there, or why it did not answer. */
  probe(): Promise<ProbeResult>
  /** After the link came back: forwards made again, terminal streams re-attached. */
  recover(): Promise<void>
  /** Replays one spool file (a name the probe listed) into the app. */
  replay(spool: string): Promise<void>
  /** Whether anything on the host needs watching (a session runs there). */
  active(): boolean
  onChange(state: LinkState): void
  log(message: string, fields?: Record<string, unknown>): void
  now?: () => number
  random?: () => number
  setTimer?: (fn: () => void, ms: number) => () => void
}

function defaultTimer(fn: () => void, ms: number): () => void {
  const t = setTimeout(fn, ms)
  t.unref?.()
  return () => clearTimeout(t)
}

export class HostLink {
  private current: LinkState = { state: 'connected' }
  private cancel: (() => void) | null = null
  private running = false
  private stopped = false
  private readonly now: () => number
  private readonly random: () => number
  private readonly setTimer: (fn: () => void, ms: number) => () => void

  constructor(private readonly deps: HostLinkDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
    this.setTimer = deps.setTimer ?? defaultTimer
  }

  get state(): LinkState {
    return this.current
  }

  /** Starts the heartbeat (idempotent). */
  start(): void {
    if (this.stopped || this.cancel || this.running) return
    this.schedule(HEARTBEAT_MS)
  }

  stop(): void {
    this.stopped = true
    this.cancel?.()
    this.cancel = null
  }

  /** Runs a heartbeat now (a stream ended: the link may be gone), unless one is running. */
  checkNow(): void {
    if (this.stopped || this.running) return
    this.cancel?.()
    this.cancel = null
    void this.tick()
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.cancel?.()
    this.cancel = this.setTimer(() => {
      this.cancel = null
      void this.tick()
    }, ms)
  }

  private set(state: LinkState): void {
    this.current = state
    this.deps.onChange(state)
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return
    const wasDown = this.current.state === 'reconnecting'
    if (!wasDown && !this.deps.active()) return this.schedule(HEARTBEAT_MS)
    this.running = true
    let error: string | null = null
    try {
      const probe = await this.bounded(this.deps.probe())
      if (!probe.ok) error = probe.error
      else {
        if (wasDown) await this.deps.recover()
        for (const spool of probe.spools) await this.deps.replay(spool)
      }
    } catch (err) {
      error = (err as Error).message
    } finally {
      this.running = false
    }
    if (this.stopped) return
    if (error === null) {
      if (wasDown) {
        this.deps.log('the host answers again', { after: this.now() - this.downSince() })
        this.set({ state: 'connected' })
      }
      return this.schedule(HEARTBEAT_MS)
    }
    const attempt = this.current.state === 'reconnecting' ? this.current.attempt + 1 : 1
    const delay = reconnectDelayMs(attempt, this.random)
    const now = this.now()
    if (!wasDown) this.deps.log('the host stopped answering', { error })
    this.set({
      state: 'reconnecting',
      attempt,
      since: this.current.state === 'reconnecting' ? this.current.since : now,
      nextTryAt: now + delay,
      error,
    })
    this.schedule(delay)
  }

  /**
   * The probe, or a failure once HEARTBEAT_TIMEOUT_MS passed. The probe's own timeout is not
   * enough: an ssh client sharing a stalled master hands its output pipes to the master, so even
   * once killed it is not done until the master gives up on the link (about 15 s later).
   */
  private bounded(probe: Promise<ProbeResult>): Promise<ProbeResult> {
    let cancel = () => {}
    const late = new Promise<ProbeResult>((resolve) => {
      cancel = this.setTimer(
        () => resolve({ ok: false, error: `no answer within ${HEARTBEAT_TIMEOUT_MS / 1000} s` }),
        HEARTBEAT_TIMEOUT_MS,
      )
    })
    return Promise.race([probe, late]).finally(cancel)
  }

  private downSince(): number {
    return this.current.state === 'reconnecting' ? this.current.since : this.now()
  }
}
