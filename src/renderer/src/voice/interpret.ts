/**
 * What a final transcript means: a spoken command for the item in focus ("allow"), a prompt
 * addressed to a session ("To builder: run the tests", "to 2, …"), or plain dictation for the
 * prompt bar. Speech-to-text punctuates freely ("Allow.", "To builder, run…"), so matching
 * ignores case and punctuation, and session names match their spoken form ("api-server" is
 * "API server").
 */
export const VOICE_COMMANDS = ['allow', 'deny', 'always', 'next', 'skip'] as const
export type VoiceCommand = (typeof VOICE_COMMANDS)[number]

export interface AddressableSession {
  id: string
  name: string
  /** 1-based position shown on its badge, if it has one. */
  number: number | null
}

export type Interpretation =
  | { kind: 'command'; command: VoiceCommand }
  | { kind: 'addressed'; sessionId: string; text: string }
  | { kind: 'dictation'; text: string }

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
}

/** Lower case, words only: punctuation, dashes and underscores become spaces. */
export function spokenForm(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function interpret(
  transcript: string,
  opts: { commands: boolean; addressing: boolean; sessions: AddressableSession[] },
): Interpretation {
  const text = transcript.trim()
  const words = spokenForm(text)
  if (opts.commands && (VOICE_COMMANDS as readonly string[]).includes(words))
    return { kind: 'command', command: words as VoiceCommand }
  if (opts.addressing) {
    const addressed = matchAddress(text, opts.sessions)
    if (addressed) return { kind: 'addressed', ...addressed }
  }
  return { kind: 'dictation', text }
}

/**
 * "To <name or number>[:,.-] <prompt>": the longest session name that follows "to" wins, so
 * "To api server: …" picks "api-server" over "api". The prompt keeps its original spelling.
 */
function matchAddress(
  text: string,
  sessions: AddressableSession[],
): { sessionId: string; text: string } | null {
  const lead = /^\s*to\s+/i.exec(text)
  if (!lead) return null
  const rest = text.slice(lead[0].length)
  // Each candidate: how the target is spoken, and the session it means.
  const candidates: { spoken: string; id: string }[] = []
  for (const s of sessions) {
    const name = spokenForm(s.name)
    if (name) candidates.push({ spoken: name, id: s.id })
    if (s.number !== null) {
      candidates.push({ spoken: String(s.number), id: s.id })
      candidates.push({ spoken: `session ${s.number}`, id: s.id })
      const word = Object.keys(NUMBER_WORDS).find((w) => NUMBER_WORDS[w] === s.number)
      if (word) candidates.push({ spoken: word, id: s.id }, { spoken: `session ${word}`, id: s.id })
    }
  }
  candidates.sort((a, b) => b.spoken.length - a.spoken.length)
  for (const c of candidates) {
    const consumed = consumeSpoken(rest, c.spoken)
    if (consumed === null) continue
    const prompt = rest
      .slice(consumed)
      .replace(/^[\s:,.;—–-]+/, '')
      .trim()
    if (prompt) return { sessionId: c.id, text: capitalize(prompt) }
  }
  return null
}

/**
 * How many characters of `text` spell `spoken` word by word (ignoring case and the punctuation
 * between words), ending at a word boundary; null if it does not start with it.
 */
function consumeSpoken(text: string, spoken: string): number | null {
  const words = spoken.split(' ')
  let i = 0
  for (const [n, word] of words.entries()) {
    if (n > 0) {
      const gap = /^[^\p{L}\p{N}]+/u.exec(text.slice(i))
      if (!gap) return null
      i += gap[0].length
    }
    if (text.slice(i, i + word.length).toLowerCase() !== word) return null
    i += word.length
  }
  return /^[\p{L}\p{N}]/u.test(text.slice(i)) ? null : i
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
