/**
 * The promise of a redacted export, checked on the finished file before it is handed out: none
 * of the user's strings occurs anywhere in it (raw or as JSON writes it, any letter case), and no
 * string of its data still matches a redacted pattern or secret shape outside the markers. A
 * file that would break the promise is refused, never written.
 */
import { ApiError } from '@shared/contract'
import type { ReplayRedaction } from '@shared/contract/replay'
import { REDACTED } from './redaction'
import { SECRET_SHAPES } from './secret-shapes'

function* strings(v: unknown): Generator<string> {
  if (typeof v === 'string') yield v
  else if (Array.isArray(v)) for (const x of v) yield* strings(x)
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      yield k
      yield* strings(x)
    }
}

const ordinal = (i: number) => `number ${i + 1}`

export function assertRedacted(html: string, data: unknown, rules: ReplayRedaction): void {
  const file = html.toLowerCase()
  rules.strings.forEach((s, i) => {
    const forms = [
      s,
      JSON.stringify(s).slice(1, -1),
      JSON.stringify(s).slice(1, -1).replace(/</g, '\\u003c'),
    ]
    if (forms.some((f) => file.includes(f.toLowerCase())))
      throw new ApiError(
        'conflict',
        `string ${ordinal(i)} to redact is part of the player itself (a word of its interface or a station name): choose a longer one`,
        'redact.strings',
      )
  })
  const patterns = [
    ...rules.patterns.map((source, i) => ({
      name: `pattern ${ordinal(i)}`,
      pattern: new RegExp(source, 'u'),
    })),
    ...(rules.secrets
      ? SECRET_SHAPES.map((s) => ({
          name: s.name,
          pattern: new RegExp(s.pattern.source, s.pattern.flags.replace('g', '')),
        }))
      : []),
  ]
  if (patterns.length === 0) return
  for (const text of strings(data)) {
    for (const piece of text.split(REDACTED)) {
      if (piece.length === 0) continue
      for (const { name, pattern } of patterns)
        if (pattern.test(piece))
          throw new ApiError(
            'conflict',
            `the export would still contain a match of ${name} (it matches a word the player itself uses, or text the redaction could not remove)`,
            'redact.patterns',
          )
    }
  }
}
