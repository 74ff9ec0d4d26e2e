/**
 * Redaction for exports: every string of what is exported — values and keys alike — goes through
 * one redactor, which replaces the user's literal strings (any letter case), the user's regular
 * expressions, and, when asked, the shapes of known secrets (secret-shapes.ts) with a marker.
 */
import type { ReplayRedaction } from '@shared/contract/replay'
import { SECRET_SHAPES } from './secret-shapes'

export const REDACTED = '[redacted]'
/** Redaction passes over one string at most (one is nearly always enough). */
const MAX_PASSES = 3

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class Redactor {
  /** Occurrences replaced so far. */
  count = 0
  private readonly rules: { pattern: RegExp; group?: number }[] = []

  constructor(readonly options: ReplayRedaction) {
    // Longer literals first, so one that contains another is removed whole.
    const literals = [...new Set(options.strings)].sort((a, b) => b.length - a.length)
    if (literals.length > 0)
      this.rules.push({ pattern: new RegExp(literals.map(escapeRegExp).join('|'), 'giu') })
    for (const source of options.patterns) this.rules.push({ pattern: new RegExp(source, 'gu') })
    if (options.secrets) for (const shape of SECRET_SHAPES) this.rules.push(shape)
  }

  /** Whether anything at all is redacted. */
  get active(): boolean {
    return this.rules.length > 0
  }

  text(input: string): string {
    // A replacement can join text into a new match ("sk-" + marker + …): go again until stable.
    let out = input
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const next = this.once(out)
      if (next === out) break
      out = next
    }
    return out
  }

  private once(input: string): string {
    let out = input
    for (const { pattern, group } of this.rules) {
      pattern.lastIndex = 0
      out = out.replace(pattern, (match: string, ...rest: unknown[]) => {
        // A pattern that matches the empty string would "redact" between every character.
        if (match.length === 0) return match
        this.count++
        if (group === undefined) return REDACTED
        const secret = rest[group - 1]
        if (typeof secret !== 'string' || secret.length === 0) return REDACTED
        // The value is already the marker (a second pass over "token: [redacted]").
        if (secret.startsWith(REDACTED)) {
          this.count--
          return match
        }
        const at = match.lastIndexOf(secret)
        return match.slice(0, at) + REDACTED + match.slice(at + secret.length)
      })
    }
    return out
  }

  /** A deep copy of a JSON value with every string (and object key) redacted. */
  value<T>(input: T): T {
    return this.walk(input) as T
  }

  private walk(v: unknown): unknown {
    if (typeof v === 'string') return this.text(v)
    if (Array.isArray(v)) return v.map((x) => this.walk(x))
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[this.text(k)] = this.walk(x)
      return out
    }
    return v
  }
}
