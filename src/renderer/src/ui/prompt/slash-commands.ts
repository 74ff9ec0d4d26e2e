/**
 * Slash commands offered while typing "/" at the start of a line: the original's 17 plus the
 * ones Claude Code 2.1 adds. They are sent as ordinary prompts; Claude Code interprets them.
 */
export interface SlashCommand {
  name: string
  description: string
}

export const SLASH_COMMANDS: SlashCommand[] = [
  { name: '/add-dir', description: 'Add a working directory' },
  { name: '/agents', description: 'Manage subagents' },
  { name: '/bug', description: 'Report a bug to Anthropic' },
  { name: '/clear', description: 'Clear the conversation history' },
  { name: '/compact', description: 'Compact the conversation, optionally with focus instructions' },
  { name: '/config', description: 'Open the settings panel' },
  { name: '/context', description: 'Show context window usage' },
  { name: '/cost', description: 'Show token usage and cost of this session' },
  { name: '/doctor', description: 'Check the health of the installation' },
  { name: '/export', description: 'Export the conversation' },
  { name: '/help', description: 'Show help and available commands' },
  { name: '/hooks', description: 'Manage hook configuration' },
  { name: '/init', description: 'Create a CLAUDE.md guide for this project' },
  { name: '/login', description: 'Switch Anthropic accounts' },
  { name: '/logout', description: 'Sign out of the Anthropic account' },
  { name: '/mcp', description: 'Manage MCP servers' },
  { name: '/memory', description: 'Edit CLAUDE.md memory files' },
  { name: '/model', description: 'Choose the AI model' },
  { name: '/permissions', description: 'View or change tool permissions' },
  { name: '/pr-comments', description: 'Show pull request comments' },
  { name: '/release-notes', description: 'Show release notes' },
  { name: '/resume', description: 'Resume an earlier conversation' },
  { name: '/review', description: 'Review a pull request' },
  { name: '/status', description: 'Show version, model, account and connectivity' },
  { name: '/terminal-setup', description: 'Install Shift+Enter key binding for newlines' },
  { name: '/usage', description: 'Show plan usage limits' },
  { name: '/vim', description: 'Toggle vim editing mode' },
]

/** The "/word" being typed when the caret sits in a line that starts with "/" and has no space yet. */
export function slashQuery(text: string, caret: number): string | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1
  const typed = text.slice(lineStart, caret)
  return /^\/[\w-]*$/.test(typed) ? typed : null
}

export function matchSlashCommands(query: string): SlashCommand[] {
  const q = query.toLowerCase()
  return SLASH_COMMANDS.filter((c) => c.name.startsWith(q))
}

/** Replaces the "/word" before the caret with the command and a space; returns text and new caret. */
export function insertSlashCommand(
  text: string,
  caret: number,
  command: string,
): { text: string; caret: number } {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1
  const next = `${text.slice(0, lineStart)}${command} ${text.slice(caret)}`
  return { text: next, caret: lineStart + command.length + 1 }
}
