/**
 * The prompt bar: multi-line, grows to 200 px, Enter sends and Shift+Enter adds a line, ↑/↓ walk
 * this session's history, "/" opens the slash commands. Send and Stop act on the selected session
 * only — the original's Stop hit a default tmux session instead (docs/original.md#what-the-original-got-wrong).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { SendHorizontal, Square, SquareTerminal } from 'lucide-react'
import type { Session } from '@shared/sessions'
import { useAppStore } from '../../store'
import { interruptSession, sendPrompt, sessionsInOrder } from '../commands'
import { sessionColorVar } from '../../theme/session-palette'
import { STATUS_LABEL } from '../sessions/status'
import { uiSignals } from '../signals'
import { dictationBus } from '../../voice/dictation-bus'
import { MicButton } from '../../voice/MicButton'
import { VoiceStatusRow } from '../../voice/VoiceStatusRow'
import { PromptQueue } from '../fleet/PromptQueue'
import { stepHistory, type HistoryCursor } from './history-cursor'
import {
  insertSlashCommand,
  matchSlashCommands,
  slashQuery,
  type SlashCommand,
} from './slash-commands'
import './prompt.css'
import { isTurnState } from '@shared/lifecycle'

/** The textarea grows with its content up to this height, then scrolls (original: 200 px). */
export const PROMPT_MAX_HEIGHT_PX = 200

/**
 * Why the bar will not type into this session, or null. On a screen in its terminal (trust,
 * login, an update) a prompt would be typed into that screen's choices: Claude Code's trust
 * screen, for one, takes Enter as "No, exit".
 */
export function promptRefusal(session: Session | undefined): string | null {
  if (session?.kind === 'managed' && session.status === 'screen')
    return `${session.name} is waiting on a screen in its terminal that Atelier cannot answer: answer it there`
  return null
}

export function PromptBar() {
  const selectedId = useAppStore((s) => s.selectedSessionId)
  const session = useAppStore((s) => s.sessions.find((x) => x.id === s.selectedSessionId))
  const history = useAppStore((s) =>
    s.selectedSessionId ? s.promptHistory[s.selectedSessionId] : undefined,
  )
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const [cursor, setCursor] = useState<HistoryCursor>({ index: null, draft: '' })
  const [slash, setSlash] = useState<{ items: SlashCommand[]; active: number } | null>(null)
  const ref = useRef<HTMLTextAreaElement>(null)
  const drafts = useRef(new Map<string, string>())
  const voice = useAppStore((s) => s.voice)
  // While dictating into this session, the words heard so far follow what was already typed.
  const dictating =
    (voice.phase === 'starting' || voice.phase === 'listening' || voice.phase === 'finishing') &&
    voice.sessionId === selectedId
  const heard = [voice.finals, voice.interim].filter(Boolean).join(' ')
  const shown = dictating && heard ? [text.trimEnd(), heard].filter(Boolean).join(' ') : text

  // Each session keeps its own unsent draft.
  const previousId = useRef<string | null>(selectedId)
  useEffect(() => {
    if (previousId.current === selectedId) return
    if (previousId.current) drafts.current.set(previousId.current, text)
    setText(selectedId ? (drafts.current.get(selectedId) ?? '') : '')
    setCursor({ index: null, draft: '' })
    setSlash(null)
    previousId.current = selectedId
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId])

  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, PROMPT_MAX_HEIGHT_PX)}px`
  }, [shown])

  useEffect(() => uiSignals.on('focusPrompt', () => ref.current?.focus()), [])

  // Dictation results: added to (or, addressed, replacing) the draft of the session they are for.
  const textRef = useRef(text)
  textRef.current = text
  const sendRef = useRef<() => Promise<void>>(async () => {})
  useEffect(
    () =>
      dictationBus.on((m) => {
        const target = m.sessionId ?? previousId.current
        const current = target === previousId.current
        if (m.send) {
          if (current) void sendRef.current()
          return
        }
        if (m.text === undefined) return
        const before = current
          ? textRef.current
          : ((target ? drafts.current.get(target) : '') ?? '')
        const next = m.replace ? m.text : [before.trimEnd(), m.text].filter(Boolean).join(' ')
        if (current) {
          setText(next)
          setCursor({ index: null, draft: '' })
        } else if (target) drafts.current.set(target, next)
      }),
    [],
  )

  const refusal = promptRefusal(session)
  // In replay the workshop shows the past: nothing typed may go to a session meanwhile.
  const replaying = useAppStore((st) => st.replay !== null)
  const canSend = Boolean(
    session && session.kind === 'managed' && !refusal && text.trim() && !sending && !replaying,
  )
  const canStop = Boolean(
    !replaying &&
    session &&
    session.kind === 'managed' &&
    session.alive &&
    isTurnState(session.status),
  )
  const index = sessionsInOrder().findIndex((s) => s.id === selectedId)

  const send = async () => {
    if (!session || !canSend) return
    setSending(true)
    const ok = await sendPrompt(session.id, text.trim())
    setSending(false)
    if (ok) {
      setText('')
      setCursor({ index: null, draft: '' })
      drafts.current.delete(session.id)
      uiSignals.emit('feedLatest')
    }
  }

  sendRef.current = send

  const updateSlash = (value: string, caret: number) => {
    const q = slashQuery(value, caret)
    const items = q ? matchSlashCommands(q) : []
    setSlash(items.length ? { items, active: 0 } : null)
  }

  const applySlash = (cmd: SlashCommand) => {
    const el = ref.current
    const caret = el?.selectionStart ?? text.length
    const next = insertSlashCommand(text, caret, cmd.name)
    setText(next.text)
    setSlash(null)
    requestAnimationFrame(() => el?.setSelectionRange(next.caret, next.caret))
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget
    if (slash) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault()
        const delta = e.key === 'ArrowDown' ? 1 : -1
        setSlash({
          ...slash,
          active: (slash.active + delta + slash.items.length) % slash.items.length,
        })
        return
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) {
        e.preventDefault()
        applySlash(slash.items[slash.active])
        return
      }
      if (e.key === 'Escape') {
        e.preventDefault()
        setSlash(null)
        return
      }
    }
    if (
      e.key === 'Enter' &&
      !e.shiftKey &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey &&
      !e.nativeEvent.isComposing
    ) {
      e.preventDefault()
      void send()
      return
    }
    if (e.key === 'Escape') {
      // Hand the keyboard back to the window (session hotkeys work again).
      e.preventDefault()
      el.blur()
      return
    }
    const noSelection = el.selectionStart === el.selectionEnd
    const atStart = noSelection && el.selectionStart === 0
    const atEnd = noSelection && el.selectionEnd === el.value.length
    const singleLine = !el.value.includes('\n')
    if (
      (e.key === 'ArrowUp' && (atStart || singleLine)) ||
      (e.key === 'ArrowDown' && (atEnd || singleLine))
    ) {
      const step = stepHistory(history ?? [], cursor, text, e.key === 'ArrowUp' ? 'up' : 'down')
      if (!step) return
      e.preventDefault()
      setCursor(step.cursor)
      setText(step.text)
    }
  }

  const placeholder = !session
    ? 'Select a session to prompt it (1–9), or press N to start one'
    : refusal
      ? 'Answer the screen in its terminal first'
      : session.kind === 'observed'
        ? `${session.name} is observed through hooks: prompt it in its own terminal`
        : `Prompt ${session.name} — Enter to send, Shift+Enter for a new line, / for commands`

  return (
    <div className="prompt-bar">
      <div className="prompt-target" aria-live="polite">
        {session ? (
          <>
            <span className="target-badge" style={{ background: sessionColorVar(session) }}>
              {index >= 0 && index < 9 ? index + 1 : '•'}
            </span>
            <span className="target-name">{session.name}</span>
            <span className="target-status">{STATUS_LABEL[session.status]}</span>
          </>
        ) : (
          <span className="target-none">No session selected</span>
        )}
      </div>
      {refusal && (
        <div className="prompt-refusal" role="status">
          <SquareTerminal size={14} aria-hidden />
          <span>{refusal}.</span>
          <button
            type="button"
            className="button small"
            onClick={() => useAppStore.getState().setTerminalOpen(true)}
          >
            Open its terminal
          </button>
        </div>
      )}
      {slash && (
        <ul className="popup-list slash-menu" role="listbox" aria-label="Slash commands">
          {slash.items.map((c, i) => (
            <li
              key={c.name}
              role="option"
              aria-selected={i === slash.active}
              className={i === slash.active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault()
                applySlash(c)
              }}
            >
              <span className="slash-name">{c.name}</span>
              <span className="slash-desc">{c.description}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="prompt-row">
        <textarea
          ref={ref}
          id="prompt-input"
          rows={1}
          value={shown}
          readOnly={dictating}
          placeholder={replaying ? 'Replaying the past: back to live to send prompts' : placeholder}
          aria-label="Prompt"
          disabled={replaying || !session || session.kind !== 'managed' || Boolean(refusal)}
          onChange={(e) => {
            setText(e.target.value)
            setCursor((c) => (c.index === null ? c : { index: null, draft: '' }))
            updateSlash(e.target.value, e.target.selectionStart)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setSlash(null)}
        />
        <div className="prompt-actions">
          <MicButton />
          <button
            type="button"
            className="button danger-outline"
            disabled={!canStop}
            onClick={() => session && void interruptSession(session.id)}
            title="Interrupt the selected session (Alt+X)"
          >
            <Square size={14} aria-hidden /> Stop
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!canSend}
            onClick={() => void send()}
            title="Send (Enter)"
          >
            <SendHorizontal size={14} aria-hidden /> Send
          </button>
        </div>
      </div>
      <VoiceStatusRow />
      <PromptQueue />
    </div>
  )
}
