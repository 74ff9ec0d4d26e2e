/**
 * What "Always allow" writes, decided before the user is asked, so the dialog can show exactly
 * that and where it goes. Claude Code applies the rules (they travel back as
 * `updatedPermissions`); this module only chooses them:
 *
 * 1. Claude's own `addRules` suggestions, as given: they are what its own "don't ask again" would
 *    save (for a compound shell command, one rule per part — Claude checks each part alone).
 * 2. Otherwise a rule for exactly this call, in Claude Code's rule syntax:
 *    - Bash: the command itself. A command containing `*` gets no rule: Claude Code reads `*` as a
 *      wildcard (`rm -rf build/*` would allow `rm -rf build/anything`), and an escaped `\*` makes
 *      the rule a literal string compared with its backslash, which never matches — Claude's own
 *      suggestions skip such commands for the same reason. Several commands chained in one line
 *      get no rule either: a rule for the whole line never matches, and one per part would allow
 *      each part alone, in any combination.
 *    - Edit, Write, MultiEdit, NotebookEdit: `Edit(//<absolute path>)` — file rules are written
 *      for Edit, which covers every tool that edits files (a `Write(…)` rule is never consulted);
 *      `//` anchors the path at the file-system root. Read: `Read(//<path>)`. A path with glob
 *      characters gets no rule (they would be read as a pattern).
 *    - WebFetch: the URL's host (`domain:`), which is the finest rule Claude Code knows.
 * 3. Nothing else. A bare tool name would allow every future use of the tool, so a request with
 *    no exact rule gets no "Always" at all, with the reason.
 */
import { homedir } from 'node:os'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import type { AlwaysPlan, AlwaysRule, RuleDestination } from '@shared/permissions'

const FILE_EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit'])
/** Shell syntax that joins several commands or substitutes one: the line is not one command. */
const COMPOUND_SHELL = /&&|\|\||[;|\n`]|\$\(|(?<![<>])&(?!>)/
/** Characters a file rule (gitignore syntax) reads as a pattern. */
const GLOB_CHARACTERS = /[*?[\]{}!\\]/
const DESTINATIONS = new Set<RuleDestination>([
  'localSettings',
  'projectSettings',
  'userSettings',
  'session',
])

export interface AlwaysContext {
  toolName: string
  toolInput: unknown
  suggestions?: unknown[]
  /** The folder the session was started in (Claude Code's project directory). */
  projectDir: string
  home?: string
}

const str = (input: unknown, key: string): string | undefined => {
  const v = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined
  return typeof v === 'string' ? v : undefined
}

/** `Tool(content)`, as the rule appears in a settings file's permissions.allow. */
export function ruleText(rule: { toolName: string; ruleContent: string }): string {
  return `${rule.toolName}(${rule.ruleContent})`
}

/** What a rule allows, in words. */
export function ruleMeaning(toolName: string, content: string): string {
  if (toolName === 'Bash') {
    if (/:\*$/.test(content)) return `any command starting with "${content.slice(0, -2)}"`
    if (/(^|[^\\])\*/.test(content))
      return `every command matching "${content}", where each * stands for any text`
    return `exactly the command "${content}"`
  }
  if (toolName === 'WebFetch' && content.startsWith('domain:'))
    return `fetching any page on ${content.slice('domain:'.length)}`
  const path = content.startsWith('//') ? content.slice(1) : content
  if (toolName === 'Edit')
    return GLOB_CHARACTERS.test(path)
      ? `edits to every file matching "${path}"`
      : `edits to ${path} (with any tool that edits files)`
  if (toolName === 'Read')
    return GLOB_CHARACTERS.test(path) ? `reading every file matching "${path}"` : `reading ${path}`
  return `${toolName} calls matching "${content}"`
}

/**
 * The folder whose .claude/settings.local.json (or settings.json) Claude Code writes a project
 * rule to: the root of the git repository (a worktree resolves to its main checkout), or the
 * project folder itself outside a repository or when the repository is the home folder.
 */
export function projectSettingsRoot(projectDir: string, home = homedir()): string {
  for (let dir = projectDir; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git')
    if (existsSync(dotGit)) {
      if (dir === home) return projectDir
      if (statSync(dotGit).isFile()) {
        // A worktree: ".git" is a file naming <main checkout>/.git/worktrees/<name>.
        const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim()
        const main = gitdir && /^(.*)\/\.git\/worktrees\/[^/]+\/?$/.exec(gitdir)?.[1]
        if (main && isAbsolute(main)) return main
      }
      return dir
    }
    if (dirname(dir) === dir) return projectDir
  }
}

/** The settings file a destination names; null for `session` (kept in memory by Claude Code). */
export function destinationFile(
  destination: RuleDestination,
  projectDir: string,
  home = homedir(),
): string | null {
  const root = () => projectSettingsRoot(projectDir, home)
  switch (destination) {
    case 'localSettings':
      return join(root(), '.claude', 'settings.local.json')
    case 'projectSettings':
      return join(root(), '.claude', 'settings.json')
    case 'userSettings':
      return join(process.env.CLAUDE_CONFIG_DIR ?? join(home, '.claude'), 'settings.json')
    case 'session':
      return null
  }
}

/** Claude's own rule suggestions (bare tool names dropped), grouped by destination. */
function suggestedRules(
  suggestions: unknown[] | undefined,
): { destination: RuleDestination; rules: { toolName: string; ruleContent: string }[] } | null {
  for (const s of suggestions ?? []) {
    if (!s || typeof s !== 'object') continue
    const { type, rules, behavior, destination } = s as Record<string, unknown>
    if (type !== 'addRules' || behavior !== 'allow' || !Array.isArray(rules)) continue
    if (!DESTINATIONS.has(destination as RuleDestination)) continue
    const exact = rules.filter(
      (r): r is { toolName: string; ruleContent: string } =>
        !!r &&
        typeof (r as Record<string, unknown>).toolName === 'string' &&
        typeof (r as Record<string, unknown>).ruleContent === 'string' &&
        (r as { ruleContent: string }).ruleContent.length > 0,
    )
    if (exact.length === rules.length && exact.length > 0)
      return { destination: destination as RuleDestination, rules: exact }
  }
  return null
}

type Exact = { rule: { toolName: string; ruleContent: string } } | { reason: string }

function exactRule(toolName: string, input: unknown): Exact {
  if (toolName === 'Bash') {
    const command = str(input, 'command')?.trim()
    if (!command) return { reason: 'the request has no command' }
    if (command.includes('*'))
      return {
        reason:
          'the command contains "*", which Claude Code reads as a wildcard in a rule, so no rule can name exactly this command',
      }
    if (COMPOUND_SHELL.test(command))
      return {
        reason:
          'the line runs several commands; Claude Code checks each on its own and offered no rule for them',
      }
    return { rule: { toolName, ruleContent: command } }
  }
  if (FILE_EDIT_TOOLS.has(toolName) || toolName === 'Read') {
    const path = str(input, 'file_path') ?? str(input, 'notebook_path')
    if (!path || !isAbsolute(path)) return { reason: 'the request names no absolute file path' }
    if (GLOB_CHARACTERS.test(path))
      return { reason: 'the path contains characters a rule would read as a pattern' }
    return { rule: { toolName: toolName === 'Read' ? 'Read' : 'Edit', ruleContent: `/${path}` } }
  }
  if (toolName === 'WebFetch') {
    let host = ''
    try {
      host = new URL(str(input, 'url') ?? '').hostname
    } catch {
      /* no usable URL */
    }
    if (!host) return { reason: 'the request has no URL' }
    return { rule: { toolName, ruleContent: `domain:${host}` } }
  }
  return {
    reason: `Claude Code offered no rule, and a rule for every ${toolName} call would allow far more than this one`,
  }
}

export function planAlways(ctx: AlwaysContext): AlwaysPlan {
  const suggested = suggestedRules(ctx.suggestions)
  let source: 'claude' | 'atelier'
  let destination: RuleDestination
  let rules: { toolName: string; ruleContent: string }[]
  if (suggested) {
    source = 'claude'
    ;({ destination, rules } = suggested)
  } else {
    const exact = exactRule(ctx.toolName, ctx.toolInput)
    if ('reason' in exact) return { available: false, reason: exact.reason }
    source = 'atelier'
    destination = 'localSettings'
    rules = [exact.rule]
  }
  const described: AlwaysRule[] = rules.map((r) => ({
    ...r,
    text: ruleText(r),
    meaning: ruleMeaning(r.toolName, r.ruleContent),
  }))
  return {
    available: true,
    source,
    destination,
    file: destinationFile(destination, ctx.projectDir, ctx.home),
    rules: described,
  }
}

/** The `updatedPermissions` entry that asks Claude Code to save the plan's rules. */
export function alwaysUpdate(plan: Extract<AlwaysPlan, { available: true }>): object {
  return {
    type: 'addRules',
    rules: plan.rules.map(({ toolName, ruleContent }) => ({ toolName, ruleContent })),
    behavior: 'allow',
    destination: plan.destination,
  }
}
