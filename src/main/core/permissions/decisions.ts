/**
 * The JSON a hook returns to Claude Code for each answer (claude-code.md §4.2–4.3). Pure
 * functions, so the exact shapes are unit-tested.
 */
import type { Decision } from '@shared/permissions'

type Suggestion = Record<string, unknown>

/** "Always allow" = echo Claude's own rule suggestions back; mode switches are not implied. */
export function alwaysAllowRules(suggestions: unknown[] | undefined, toolName: string, toolInput: unknown): Suggestion[] {
  const rules = (suggestions ?? []).filter(
    (s): s is Suggestion =>
      !!s && typeof s === 'object' && ['addRules', 'addDirectories'].includes(String((s as Suggestion).type)),
  )
  if (rules.length > 0) return rules
  const input = (toolInput ?? {}) as Record<string, unknown>
  const ruleContent = typeof input.command === 'string' ? input.command : undefined
  return [
    {
      type: 'addRules',
      rules: [{ toolName, ...(ruleContent ? { ruleContent } : {}) }],
      behavior: 'allow',
      destination: 'localSettings',
    },
  ]
}

export function permissionDecisionOutput(
  decision: Decision,
  opts: { suggestions?: unknown[]; toolName: string; toolInput: unknown; message?: string },
): object {
  const body =
    decision === 'deny'
      ? { behavior: 'deny', message: opts.message?.trim() || 'Denied from Atelier' }
      : decision === 'always'
        ? { behavior: 'allow', updatedPermissions: alwaysAllowRules(opts.suggestions, opts.toolName, opts.toolInput) }
        : { behavior: 'allow' }
  return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: body } }
}

/**
 * Answers an AskUserQuestion from the app: PreToolUse allow with the original input plus
 * `answers` (question text → chosen label; several labels joined for multi-select).
 */
export function questionAnswerOutput(toolInput: unknown, answers: Record<string, string | string[]>): object {
  const flat: Record<string, string> = {}
  for (const [q, a] of Object.entries(answers)) flat[q] = Array.isArray(a) ? a.join(', ') : a
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
      permissionDecisionReason: 'Answered in Atelier',
      updatedInput: { ...((toolInput ?? {}) as Record<string, unknown>), answers: flat },
    },
  }
}

export function questionDenyOutput(message?: string): object {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: 'deny',
      permissionDecisionReason: message?.trim() || 'The user declined to answer in Atelier',
    },
  }
}
