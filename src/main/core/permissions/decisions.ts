/**
 * The JSON a hook returns to Claude Code for each answer (docs/hook-contract.md#answers). Pure
 * functions, so the exact shapes are unit-tested.
 */
import type { Decision } from '@shared/permissions'

type Suggestion = Record<string, unknown>

/**
 * "Always allow": a rule for this exact call, persisted in the project's local settings, plus
 * any rule suggestions Claude made. Claude checks each part of a compound shell command on its
 * own, so a Bash rule is added for the whole command and for every part. Directory and mode
 * suggestions are not echoed: they do not cover the command, and a mode switch would grant more
 * than was asked.
 */
export function alwaysAllowRules(
  suggestions: unknown[] | undefined,
  toolName: string,
  toolInput: unknown,
): Suggestion[] {
  const suggested = (suggestions ?? []).filter(
    (s): s is Suggestion => !!s && typeof s === 'object' && (s as Suggestion).type === 'addRules',
  )
  const input = (toolInput ?? {}) as Record<string, unknown>
  const rules: { toolName: string; ruleContent?: string }[] = []
  if (toolName === 'Bash' && typeof input.command === 'string') {
    const whole = input.command.trim()
    const parts = whole
      .split(/\s*(?:&&|\|\||;|\|)\s*/)
      .map((p) => p.trim())
      .filter(Boolean)
    for (const content of new Set([whole, ...parts])) rules.push({ toolName, ruleContent: content })
  } else {
    rules.push({ toolName })
  }
  return [
    ...suggested,
    { type: 'addRules', rules, behavior: 'allow', destination: 'localSettings' },
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
        ? {
            behavior: 'allow',
            updatedPermissions: alwaysAllowRules(opts.suggestions, opts.toolName, opts.toolInput),
          }
        : { behavior: 'allow' }
  return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: body } }
}

/**
 * Stops the turn at a permission prompt: deny with `interrupt`, which Claude Code handles like Esc
 * in its own dialog ("Interrupted · What should Claude do instead?").
 */
export function permissionInterruptOutput(): object {
  return {
    hookSpecificOutput: {
      hookEventName: 'PermissionRequest',
      decision: { behavior: 'deny', message: 'Interrupted from Atelier', interrupt: true },
    },
  }
}

/**
 * Answers an AskUserQuestion from the app: PreToolUse allow with the original input plus
 * `answers` (question text → chosen label; several labels joined for multi-select).
 */
export function questionAnswerOutput(
  toolInput: unknown,
  answers: Record<string, string | string[]>,
): object {
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
