/**
 * Claude Code sends some of its own messages through UserPromptSubmit as if the user typed them
 * (docs/hook-contract.md#injected-messages): a background subagent's result as a
 * `<task-notification>` block, `<system-reminder>` blocks, and after compaction the continuation
 * text that carries the summary. This module tells them apart from what the user wrote.
 */

/** What a UserPromptSubmit prompt really is. */
export type ClassifiedPrompt =
  | { kind: 'user'; text: string }
  | {
      kind: 'task-notification'
      taskId: string
      status: string
      summary: string
      result?: string
    }
  | { kind: 'notice'; notice: 'system-reminder' | 'compact-summary'; text: string }

const TASK_NOTIFICATION = /<task-notification>([\s\S]*?)(?:<\/task-notification>|$)/
const SYSTEM_REMINDER = /<system-reminder>[\s\S]*?(?:<\/system-reminder>|$)/g
/** The opening Claude Code writes when a compacted conversation goes on. */
const COMPACT_CONTINUATION = /^\s*This session is being continued from a previous conversation/

function field(body: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body)
  const v = m?.[1]?.trim()
  return v ? v : undefined
}

function withoutTags(text: string): string {
  return text.replace(/<\/?system-reminder>/g, '').trim()
}

export function classifyPrompt(prompt: string): ClassifiedPrompt {
  const task = TASK_NOTIFICATION.exec(prompt)
  if (task) {
    const body = task[1] ?? ''
    const result = field(body, 'result')
    return {
      kind: 'task-notification',
      taskId: field(body, 'task-id') ?? 'unknown',
      status: field(body, 'status') ?? 'unknown',
      summary: field(body, 'summary') ?? 'Subagent finished',
      ...(result ? { result } : {}),
    }
  }
  if (COMPACT_CONTINUATION.test(prompt))
    return { kind: 'notice', notice: 'compact-summary', text: prompt.trim() }
  const reminders = prompt.match(SYSTEM_REMINDER)
  if (!reminders) return { kind: 'user', text: prompt }
  const own = prompt.replace(SYSTEM_REMINDER, '').trim()
  // A prompt made only of reminders is Claude Code talking, not the user.
  if (!own)
    return {
      kind: 'notice',
      notice: 'system-reminder',
      text: reminders.map(withoutTags).join('\n\n'),
    }
  return { kind: 'user', text: own }
}
