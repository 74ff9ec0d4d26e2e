/**
 * The permission broker: holds a session's PermissionRequest hook (and an AskUserQuestion
 * PreToolUse hook) open until the user answers in the app, then returns the decision JSON.
 * A pending request also resolves — with no decision, so Claude Code's own prompt stays in
 * charge — when the user answers in the terminal first, the request times out, the session
 * ends, or Claude Code drops the connection. The UI sees the list through the `permissions` push.
 */
import { ApiError } from '@shared/contract/define'
import type { CanonicalEvent, EventOf } from '@shared/events'
import type { AlwaysPlan, Decision, PendingRequest } from '@shared/permissions'
import type { IngestResult } from '../events/ingest'
import type { HookResponder } from '../http/server'
import {
  INTERRUPT_MESSAGE,
  permissionDecisionOutput,
  permissionInterruptOutput,
  questionAnswerOutput,
  questionDenyOutput,
} from './decisions'
import { planAlways } from './always-rules'
import { inputKey, OpenCalls, provesAnswered, type HeldCall } from './held-call'

/** Pending requests held at once across all sessions; older ones resolve when over. */
export const MAX_PENDING_REQUESTS = 200
export const QUESTION_TOOL = 'AskUserQuestion'

interface Held {
  request: PendingRequest
  /** The tool call it holds up, to recognise when that call went ahead elsewhere. */
  call: HeldCall
  resolve: (output: object | null) => void
  timer: NodeJS.Timeout
}

export interface BrokerOptions {
  timeoutMs: () => number
  /** Sessions whose questions may be held (managed sessions have the long-timeout hook). */
  canHoldQuestions: (sessionId: string) => boolean
  onChange: (requests: PendingRequest[]) => void
  /** `settled` says how, for every end but a cancel (the session ended, the hook hung up). */
  onResolved?: (
    request: PendingRequest,
    how: 'decided' | 'elsewhere' | 'timeout' | 'cancelled',
    settled?: Settlement,
  ) => void
  /** The folder a session was started in; Claude Code's project settings live under it. */
  projectDirOf?: (sessionId: string) => string | undefined
  /** An "Always" answer went out: its rules are about to be saved by Claude Code. */
  onAlways?: (request: PendingRequest, plan: Extract<AlwaysPlan, { available: true }>) => void
  now?: () => number
}

/** How a held request was settled: the fields of its permission.decision event. */
export interface Settlement {
  outcome: EventOf<'permission.decision'>['outcome']
  by: EventOf<'permission.decision'>['by']
  toolUseId?: string
  reason?: string
  interrupt?: boolean
}

export class PermissionBroker implements HookResponder {
  private readonly held = new Map<string, Held>()
  private readonly openCalls = new OpenCalls()
  private readonly now: () => number

  constructor(private readonly opts: BrokerOptions) {
    this.now = opts.now ?? Date.now
  }

  list(): PendingRequest[] {
    return [...this.held.values()].map((h) => h.request).sort((a, b) => a.createdAt - b.createdAt)
  }

  /** A permission request, or a question from a session whose questions the app may hold. */
  mayAnswer(events: CanonicalEvent[]): boolean {
    const event = events[0]
    if (!event) return false
    return (
      event.type === 'permission.request' ||
      (event.type === 'tool.start' &&
        event.tool === QUESTION_TOOL &&
        this.opts.canHoldQuestions(event.sessionId))
    )
  }

  respond(
    result: IngestResult,
    _raw: unknown,
    peerGone: () => AbortSignal,
  ): Promise<object | null> {
    const event = result.events[0]
    if (!event) return Promise.resolve(null)
    if (event.type === 'permission.request') {
      const projectDir = this.opts.projectDirOf?.(event.sessionId) ?? event.cwd
      const always: AlwaysPlan = projectDir
        ? planAlways({
            toolName: event.tool,
            toolInput: event.input,
            suggestions: event.suggestions,
            projectDir,
          })
        : { available: false, reason: 'the request names no project folder' }
      const call: HeldCall = {
        sessionId: event.sessionId,
        agentId: event.agentId,
        tool: event.tool,
        inputKey: inputKey(event.input),
        toolUseId: this.openCalls.find(event.sessionId, event.agentId, event.tool, event.input),
        createdAt: event.ts,
      }
      return this.hold(
        call,
        {
          id: event.requestId,
          sessionId: event.sessionId,
          kind: 'permission',
          toolName: event.tool,
          toolInput: event.input,
          ...(event.suggestions ? { suggestions: event.suggestions } : {}),
          always,
          createdAt: this.now(),
          expiresAt: this.now() + this.opts.timeoutMs(),
        },
        peerGone(),
      )
    }
    if (
      event.type === 'tool.start' &&
      event.tool === QUESTION_TOOL &&
      this.opts.canHoldQuestions(event.sessionId)
    ) {
      const input = (event.input ?? {}) as { questions?: PendingRequest['questions'] }
      return this.hold(
        {
          sessionId: event.sessionId,
          agentId: event.agentId,
          tool: event.tool,
          inputKey: inputKey(event.input),
          toolUseId: event.toolUseId,
          createdAt: event.ts,
        },
        {
          id: event.id,
          sessionId: event.sessionId,
          kind: 'question',
          toolName: event.tool,
          toolInput: event.input,
          questions: Array.isArray(input.questions) ? input.questions : [],
          createdAt: this.now(),
          expiresAt: this.now() + this.opts.timeoutMs(),
        },
        peerGone(),
      )
    }
    return Promise.resolve(null)
  }

  private hold(
    call: HeldCall,
    request: PendingRequest,
    signal: AbortSignal,
  ): Promise<object | null> {
    if (signal.aborted) return Promise.resolve(null)
    while (this.held.size >= MAX_PENDING_REQUESTS) {
      const oldest = this.list()[0]
      this.finish(oldest.id, null, 'cancelled')
    }
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.finish(request.id, null, 'timeout'),
        Math.max(0, request.expiresAt - this.now()),
      )
      timer.unref?.()
      this.held.set(request.id, { request, call, resolve, timer })
      signal.addEventListener('abort', () => this.finish(request.id, null, 'cancelled'), {
        once: true,
      })
      this.opts.onChange(this.list())
    })
  }

  private finish(
    id: string,
    output: object | null,
    how: 'decided' | 'elsewhere' | 'timeout' | 'cancelled',
    verdict?: Pick<Settlement, 'outcome' | 'reason' | 'interrupt'>,
  ): boolean {
    const h = this.held.get(id)
    if (!h) return false
    this.held.delete(id)
    clearTimeout(h.timer)
    h.resolve(output)
    const settled: Settlement | undefined =
      how === 'decided' && verdict
        ? { ...verdict, by: 'app' }
        : how === 'elsewhere'
          ? { outcome: 'terminal', by: 'terminal' }
          : how === 'timeout'
            ? { outcome: 'timeout', by: 'timeout' }
            : undefined
    if (settled && h.call.toolUseId) settled.toolUseId = h.call.toolUseId
    this.opts.onResolved?.(h.request, how, settled)
    this.opts.onChange(this.list())
    return true
  }

  decide(
    id: string,
    decision: Decision,
    message?: string,
    answers?: Record<string, string | string[]>,
  ): void {
    const h = this.held.get(id)
    if (!h)
      throw new ApiError(
        'not_found',
        `no pending request with id "${id}" (it may have been answered in the terminal or timed out)`,
        'id',
      )
    const r = h.request
    let output: object
    if (r.kind === 'question') {
      if (decision === 'deny') output = questionDenyOutput(message)
      else {
        if (!answers || Object.keys(answers).length === 0) {
          throw new ApiError('bad_request', 'answers are required to answer a question', 'answers')
        }
        output = questionAnswerOutput(r.toolInput, answers)
      }
    } else {
      output = permissionDecisionOutput(decision, { always: r.always, message })
    }
    this.finish(id, output, 'decided', {
      outcome: decision,
      ...(decision === 'deny' && message ? { reason: message } : {}),
    })
    if (decision === 'always' && r.always?.available) this.opts.onAlways?.(r, r.always)
  }

  /**
   * Every event passes here: tool calls are tracked, and a held request whose own call went
   * ahead (the terminal answered first) is released with no decision.
   */
  observe(events: CanonicalEvent[]): void {
    for (const e of events) {
      this.openCalls.observe(e)
      if (this.held.size === 0) continue
      for (const h of [...this.held.values()]) {
        if (provesAnswered(e, h.call)) this.finish(h.request.id, null, 'elsewhere')
      }
    }
  }

  /**
   * Interrupts a session through its held permission prompts, if it has any: each is denied with
   * `interrupt`. Unlike Esc typed into the terminal this cannot be lost: Claude Code's dialog
   * drops keys for a moment after it is drawn. Returns false when nothing was held, so the
   * caller interrupts through the terminal instead.
   */
  interruptSession(sessionId: string): boolean {
    const held = [...this.held.values()].filter(
      (h) => h.request.sessionId === sessionId && h.request.kind === 'permission',
    )
    for (const h of held)
      this.finish(h.request.id, permissionInterruptOutput(), 'decided', {
        outcome: 'deny',
        reason: INTERRUPT_MESSAGE,
        interrupt: true,
      })
    return held.length > 0
  }

  /** The session's process ended or the session was deleted. */
  /**
   * The session's held requests go back to Claude's own prompt: its remote host stopped answering,
   * so no decision could reach it, and its hook script gives up and lets Claude ask in the
   * terminal (remote/remote-hook.ts). Settled as answered there.
   */
  backToTerminal(sessionId: string): void {
    for (const h of [...this.held.values()]) {
      if (h.request.sessionId === sessionId) this.finish(h.request.id, null, 'elsewhere')
    }
  }

  cancelSession(sessionId: string): void {
    for (const h of [...this.held.values()]) {
      if (h.request.sessionId === sessionId) this.finish(h.request.id, null, 'cancelled')
    }
  }

  close(): void {
    for (const id of [...this.held.keys()]) this.finish(id, null, 'cancelled')
  }
}
