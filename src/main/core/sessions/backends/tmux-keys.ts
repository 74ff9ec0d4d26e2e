/**
 * Turns raw terminal input into tmux `send-keys` commands. Printable text goes as literal keys
 * (`send-keys -l`); control characters go as named keys, because tmux only delivers them
 * faithfully that way. The shared paste buffer is never used.
 */

const NAMED_KEYS: Record<string, string> = {
  '\r': 'Enter',
  '\n': 'C-j',
  '\t': 'Tab',
  '\x1b': 'Escape',
  '\x7f': 'BSpace',
  '\x08': 'C-h',
  '\x00': 'C-Space',
}

function controlKeyName(ch: string): string {
  const named = NAMED_KEYS[ch]
  if (named) return named
  const code = ch.charCodeAt(0)
  // 0x01–0x1a are Ctrl-A … Ctrl-Z; the few others map onto their punctuation names.
  if (code >= 1 && code <= 26) return `C-${String.fromCharCode(code + 96)}`
  const punctuation: Record<number, string> = {
    0x1c: 'C-\\',
    0x1d: 'C-]',
    0x1e: 'C-^',
    0x1f: 'C-_',
  }
  return punctuation[code] ?? ''
}

function isControl(ch: string): boolean {
  const code = ch.charCodeAt(0)
  return code < 0x20 || code === 0x7f
}

/** The tmux commands (run in one client call) that type `data` into `target`; none for "". */
export function sendKeysCommands(target: string, data: string): string[][] {
  const commands: string[][] = []
  const addCommand = (words: string[]): void => {
    commands.push(['send-keys', '-t', target, ...words])
  }
  let literal = ''
  let keys: string[] = []
  const flushLiteral = (): void => {
    if (literal) addCommand(['-l', '--', literal])
    literal = ''
  }
  const flushKeys = (): void => {
    if (keys.length > 0) addCommand(keys)
    keys = []
  }
  for (const ch of data) {
    if (isControl(ch)) {
      flushLiteral()
      const name = controlKeyName(ch)
      if (name) keys.push(name)
    } else {
      flushKeys()
      literal += ch
    }
  }
  flushLiteral()
  flushKeys()
  return commands
}
