/**
 * Who may do what. Four kinds of credential, each good for one job:
 * - the app token (data folder, 0600): every /api channel, the WebSocket, /health, /metrics;
 * - a browser token: the headless UI's WebSocket only, obtained once per page by redeeming a
 *   single-use ticket (the ticket is what a printed URL carries, so a URL left in the browser's
 *   history is dead once it was opened);
 * - a session token (per managed session, see the session registry): hook events for that one
 *   session;
 * - the observer token (data folder, 0600): hook events of sessions Atelier did not start.
 * Rotation replaces the app and observer tokens; every browser token and ticket dies with the
 * old app token.
 */
import { createHmac, randomBytes } from 'node:crypto'
import { loadOrCreateToken, OBSERVER_TOKEN_FILE, replaceToken, TOKEN_FILE } from '../util/token'
import { tokensEqual } from '../http/security'

/** Unredeemed tickets kept at once; the oldest is dropped beyond this. */
export const MAX_OPEN_TICKETS = 32
const BROWSER_TOKEN_RE = /^b1\.([a-f0-9]{32})\.([a-f0-9]{64})$/

export class AccessControl {
  private app: string
  private observer: string
  /** Ticket → nothing; insertion order is age order. */
  private readonly tickets = new Set<string>()
  private readonly rotateListeners = new Set<() => void>()

  constructor(private readonly dataDir: string) {
    this.app = loadOrCreateToken(dataDir, TOKEN_FILE)
    this.observer = loadOrCreateToken(dataDir, OBSERVER_TOKEN_FILE)
  }

  get appToken(): string {
    return this.app
  }

  isApp(token: string): boolean {
    return tokensEqual(token, this.app)
  }

  isObserver(token: string): boolean {
    return tokensEqual(token, this.observer)
  }

  /** A single-use ticket for a page URL. */
  issueTicket(): string {
    const ticket = randomBytes(32).toString('hex')
    this.tickets.add(ticket)
    if (this.tickets.size > MAX_OPEN_TICKETS) {
      const oldest = this.tickets.values().next().value
      if (oldest !== undefined) this.tickets.delete(oldest)
    }
    return ticket
  }

  /** Trades a ticket, once, for a browser token; null when the ticket is unknown or used. */
  redeemTicket(ticket: string): string | null {
    if (!this.tickets.delete(ticket)) return null
    const nonce = randomBytes(16).toString('hex')
    return `b1.${nonce}.${this.sign(nonce)}`
  }

  isBrowser(token: string): boolean {
    const m = BROWSER_TOKEN_RE.exec(token)
    return m !== null && tokensEqual(m[2], this.sign(m[1]))
  }

  /**
   * New app and observer tokens, written to their files before they take effect; open tickets
   * and browser tokens stop working at once.
   */
  rotate(): void {
    this.app = replaceToken(this.dataDir, TOKEN_FILE)
    this.observer = replaceToken(this.dataDir, OBSERVER_TOKEN_FILE)
    this.tickets.clear()
    for (const cb of this.rotateListeners) cb()
  }

  onRotate(cb: () => void): () => void {
    this.rotateListeners.add(cb)
    return () => this.rotateListeners.delete(cb)
  }

  /** Browser tokens are stateless: an HMAC under the app token, so they survive a restart. */
  private sign(nonce: string): string {
    return createHmac('sha256', this.app).update(`atelier-browser:${nonce}`).digest('hex')
  }
}
