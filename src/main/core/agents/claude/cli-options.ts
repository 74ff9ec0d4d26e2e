/**
 * Reads extra Claude Code arguments the way the CLI's own parser (commander) does, so a flag
 * cannot slip past the checks in another spelling: `--flag=value`, a short flag with its value
 * attached (`-r<uuid>`), short flags run together (`-cp`), variadic values (`--add-dir a b`), and
 * the aliases (`--allowed-tools` for `--allowedTools`). Every option is reported under its
 * canonical long name. The table lists the options of `claude --help` (2.1.332) plus the
 * documented ones it hides; an option that is not in it is reported as unknown, because its
 * value rules — and so where the next flag starts — are unknown.
 */

/** How an option takes its value: none, one (required), one if the next word is not a flag, or several. */
export type Arity = 'none' | 'required' | 'optional' | 'variadic'

interface OptionSpec {
  name: string
  short?: string
  aliases?: string[]
  arity: Arity
}

const OPTIONS: OptionSpec[] = [
  { name: 'add-dir', arity: 'variadic' },
  { name: 'agent', arity: 'required' },
  { name: 'agents', arity: 'required' },
  { name: 'allow-dangerously-skip-permissions', arity: 'none' },
  { name: 'allowedTools', aliases: ['allowed-tools'], arity: 'variadic' },
  { name: 'append-system-prompt', arity: 'required' },
  { name: 'append-system-prompt-file', arity: 'required' },
  { name: 'autocompact', arity: 'required' },
  { name: 'ax-screen-reader', arity: 'none' },
  { name: 'background', aliases: ['bg'], arity: 'none' },
  { name: 'bare', arity: 'none' },
  { name: 'betas', arity: 'variadic' },
  { name: 'brief', arity: 'none' },
  { name: 'chrome', arity: 'none' },
  { name: 'cloud', arity: 'optional' },
  { name: 'continue', short: 'c', arity: 'none' },
  { name: 'dangerously-skip-permissions', arity: 'none' },
  { name: 'debug', short: 'd', arity: 'optional' },
  { name: 'debug-file', arity: 'required' },
  { name: 'desktop', arity: 'none' },
  { name: 'disable-slash-commands', arity: 'none' },
  { name: 'disallowedTools', aliases: ['disallowed-tools'], arity: 'variadic' },
  { name: 'effort', arity: 'required' },
  { name: 'environment', arity: 'required' },
  { name: 'exclude-dynamic-system-prompt-sections', arity: 'none' },
  { name: 'fallback-model', arity: 'required' },
  { name: 'file', arity: 'variadic' },
  { name: 'fork-session', arity: 'none' },
  { name: 'forward-subagent-text', arity: 'none' },
  { name: 'from-pr', arity: 'optional' },
  { name: 'help', short: 'h', arity: 'none' },
  { name: 'ide', arity: 'none' },
  { name: 'include-hook-events', arity: 'none' },
  { name: 'include-partial-messages', arity: 'none' },
  { name: 'init', arity: 'none' },
  { name: 'init-only', arity: 'none' },
  { name: 'input-format', arity: 'required' },
  { name: 'json-schema', arity: 'required' },
  { name: 'maintenance', arity: 'none' },
  { name: 'max-budget-usd', arity: 'required' },
  { name: 'max-turns', arity: 'required' },
  { name: 'mcp-config', arity: 'variadic' },
  { name: 'model', arity: 'required' },
  { name: 'name', short: 'n', arity: 'required' },
  { name: 'no-chrome', arity: 'none' },
  { name: 'no-session-persistence', arity: 'none' },
  { name: 'output-format', arity: 'required' },
  { name: 'permission-mode', arity: 'required' },
  { name: 'permission-prompt-tool', arity: 'required' },
  { name: 'permission-prompts', arity: 'required' },
  { name: 'plugin-dir', arity: 'required' },
  { name: 'plugin-url', arity: 'required' },
  { name: 'print', short: 'p', arity: 'none' },
  { name: 'prompt-suggestions', arity: 'optional' },
  { name: 'remote-control', arity: 'optional' },
  { name: 'remote-control-session-name-prefix', arity: 'required' },
  { name: 'replay-user-messages', arity: 'none' },
  { name: 'restricted', arity: 'none' },
  { name: 'resume', short: 'r', arity: 'optional' },
  { name: 'safe-mode', arity: 'none' },
  { name: 'session-id', arity: 'required' },
  { name: 'setting-sources', arity: 'required' },
  { name: 'settings', arity: 'required' },
  { name: 'strict-mcp-config', arity: 'none' },
  { name: 'system-prompt', arity: 'required' },
  { name: 'system-prompt-file', arity: 'required' },
  { name: 'system-prompt-snapshot', arity: 'required' },
  { name: 'teleport', arity: 'optional' },
  { name: 'tmux', arity: 'optional' },
  { name: 'tools', arity: 'variadic' },
  { name: 'verbose', arity: 'none' },
  { name: 'version', short: 'v', arity: 'none' },
  { name: 'worktree', short: 'w', arity: 'optional' },
]

const BY_LONG = new Map<string, OptionSpec>()
const BY_SHORT = new Map<string, OptionSpec>()
for (const spec of OPTIONS) {
  for (const name of [spec.name, ...(spec.aliases ?? [])]) BY_LONG.set(name, spec)
  if (spec.short) BY_SHORT.set(spec.short, spec)
}

export interface ParsedOption {
  /** Canonical long name without dashes (`allowedTools`, `resume`). */
  name: string
  /** The words that spelled it, as given (for error messages). */
  spelled: string
  values: string[]
}

export type ParsedArg =
  | { kind: 'option'; option: ParsedOption }
  | { kind: 'unknown'; spelled: string }
  | { kind: 'positional'; value: string }

const looksLikeFlag = (word: string | undefined) =>
  word !== undefined && word.startsWith('-') && word !== '-'

export function parseCliArgs(args: readonly string[]): ParsedArg[] {
  const out: ParsedArg[] = []
  let i = 0
  /** Reads the value(s) of `spec` after its flag, given a value attached to the flag (or none). */
  const takeValues = (spec: OptionSpec, attached: string | undefined): string[] => {
    if (attached !== undefined) return [attached]
    if (spec.arity === 'required') return i < args.length ? [args[i++]] : []
    if (spec.arity === 'optional')
      return looksLikeFlag(args[i]) || i >= args.length ? [] : [args[i++]]
    if (spec.arity === 'variadic') {
      const values: string[] = []
      while (i < args.length && !looksLikeFlag(args[i])) values.push(args[i++])
      return values
    }
    return []
  }
  while (i < args.length) {
    const word = args[i++]
    if (word === '--') {
      while (i < args.length) out.push({ kind: 'positional', value: args[i++] })
      break
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=')
      const name = word.slice(2, eq === -1 ? undefined : eq)
      const spec = BY_LONG.get(name)
      if (!spec) {
        out.push({ kind: 'unknown', spelled: word })
        continue
      }
      const attached = eq === -1 ? undefined : word.slice(eq + 1)
      out.push({
        kind: 'option',
        option: { name: spec.name, spelled: word, values: takeValues(spec, attached) },
      })
    } else if (looksLikeFlag(word)) {
      // -abc: each letter is a flag until one takes a value; the rest of the word is that value.
      for (let at = 1; at < word.length; at++) {
        const spec = BY_SHORT.get(word[at])
        if (!spec) {
          out.push({ kind: 'unknown', spelled: `-${word[at]} (in ${word})` })
          break
        }
        if (spec.arity === 'none') {
          out.push({ kind: 'option', option: { name: spec.name, spelled: word, values: [] } })
          continue
        }
        const rest = word.slice(at + 1)
        const values = takeValues(spec, rest === '' ? undefined : rest)
        out.push({ kind: 'option', option: { name: spec.name, spelled: word, values } })
        break
      }
    } else {
      out.push({ kind: 'positional', value: word })
    }
  }
  return out
}
