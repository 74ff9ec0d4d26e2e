/**
 * The JSON a hook returns to Claude Code for each answer (docs/hook-contract.md#answers). Pure
 * functions, so the exact shapes are unit-tested.
 */
import { ApiError } from '@shared/contract/define'
import type { AlwaysPlan, Decision } from '@shared/permissions'
import { alwaysUpdate } from './always-rules'

/**
 * The PermissionRequest answer. "Always" allows and asks Claude Code to save exactly the rules
 * of the request's plan (always-rules.ts), which the user saw before choosing it.
 */
export function permissionDecisionOutput(
  decision: Decision,
  opts: { always?: AlwaysPlan; message?: string },
): object {
  let body: object
  if (decision === 'deny') {
    body = { behavior: 'deny', message: opts.message?.trim() || 'Denied from Atelier' }
  } else if (decision === 'always') {
    if (!opts.always?.available)
      throw new ApiError(
        'bad_request',
        `"Always" is not offered for this request: ${opts.always?.reason ?? 'no rule was planned'}`,
        'decision',
      )
    body = { behavior: 'allow', updatedPermissions: [alwaysUpdate(opts.always)] }
  } else body = { behavior: 'allow' }
  return { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: body } }
}

/** What Claude is told when Stop in the app denies its held prompt. */
export const INTERRUPT_MESSAGE = 'Interrupted from Atelier'

/**
 * Stops the turn at a permission prompt: deny with `interrupt`, which Claude Code handles like Esc
 * in its own dialog ("Interrupted · What should Claude do instead?").
 */
export function permissionInterruptOutput(): object {
  return {
    hookSpecificOutput: {
      hookEventName: 'PermissionRequest',
      decision: { behavior: 'deny', message: INTERRUPT_MESSAGE, interrupt: true },
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
