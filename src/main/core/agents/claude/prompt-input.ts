/**
 * Turns a user prompt into terminal input for Claude Code: one bracketed paste (so newlines stay
 * inside one prompt instead of submitting it) and, separately, the Enter that submits it.
 */

const PASTE_START = '\x1b[200~'
const PASTE_END = '\x1b[201~'
/** Sending Enter in the same write as the paste can land inside the paste (docs/hook-contract.md#typing-into-the-terminal). */
export const SUBMIT_DELAY_MS = 100

/** Removes every control character except newline and tab; CRLF and CR become newlines. */
export function sanitizePrompt(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b-\x1f\x7f-\x9f]/g, '')
}

export interface PromptInput {
  paste: string
  submit: string
}

export function promptInput(text: string): PromptInput {
  const clean = sanitizePrompt(text)
  if (clean.trim().length === 0) throw new Error('The prompt is empty')
  return { paste: `${PASTE_START}${clean}${PASTE_END}`, submit: '\r' }
}

/** Writes a prompt to a session's terminal: the paste, a short pause, then Enter. */
export async function sendPrompt(write: (data: string) => void, text: string): Promise<void> {
  const input = promptInput(text)
  write(input.paste)
  await new Promise((resolve) => setTimeout(resolve, SUBMIT_DELAY_MS))
  write(input.submit)
}
