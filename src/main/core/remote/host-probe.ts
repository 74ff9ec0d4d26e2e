/**
 * The one remote command "Test host" runs: the home folder and, for tmux, git and claude, where
 * the host's shell finds each and the version it prints. One line of /bin/sh (the user's login
 * shell may be csh or fish, which cannot read newlines inside quotes), using only shell builtins
 * so that it also works on a host with a bare PATH.
 */
import { PROBED_TOOLS, type ProbedTool, type ToolReport } from '@shared/hosts'

/** Claude Code's own installer puts it here, which a non-interactive shell's PATH often lacks. */
const CLAUDE_FALLBACKS = ['$HOME/.local/bin/claude', '$HOME/.claude/local/claude']

const VERSION_FLAG: Record<ProbedTool, string> = {
  tmux: '-V',
  git: '--version',
  claude: '--version',
}

const MAX_VERSION_CHARS = 120

export const PROBE_SCRIPT = [
  `printf 'home\\t%s\\n' "$HOME"`,
  ...PROBED_TOOLS.map((tool) =>
    [
      `p=$(command -v ${tool} 2>/dev/null)`,
      ...(tool === 'claude'
        ? CLAUDE_FALLBACKS.map((c) => `if [ -z "$p" ] && [ -x "${c}" ]; then p="${c}"; fi`)
        : []),
      `if [ -z "$p" ]; then printf 'tool\\t${tool}\\t\\t\\n'; else v=$("$p" ${VERSION_FLAG[tool]} 2>&1 </dev/null | { IFS= read -r l; printf '%s' "$l"; }); printf 'tool\\t${tool}\\t%s\\t%s\\n' "$p" "$v"; fi`,
    ].join('; '),
  ),
].join('; ')

export interface ProbeReport {
  home: string
  tools: Record<ProbedTool, ToolReport>
}

/** `tmux 3.3a` → `3.3a`, `git version 2.39.5` → `2.39.5`, `2.1.3 (Claude Code)` → `2.1.3`. */
export function versionFrom(line: string): string | null {
  const text = line.trim().slice(0, MAX_VERSION_CHARS)
  if (!text) return null
  const m = /\d+(?:\.\d+)+[a-z]?/.exec(text)
  return m ? m[0] : text
}

export function parseProbe(stdout: string): ProbeReport {
  let home: string | null = null
  const tools = Object.fromEntries(
    PROBED_TOOLS.map((t) => [t, { path: null, version: null }]),
  ) as Record<ProbedTool, ToolReport>
  for (const line of stdout.split('\n')) {
    const fields = line.split('\t')
    if (fields[0] === 'home' && fields.length === 2) home = fields[1]!
    if (fields[0] === 'tool' && fields.length === 4) {
      const tool = fields[1] as ProbedTool
      if (!PROBED_TOOLS.includes(tool) || !fields[2]) continue
      tools[tool] = { path: fields[2], version: versionFrom(fields[3]!) }
    }
  }
  if (home === null) throw new Error('the host answered the test without its home folder')
  return { home, tools }
}
