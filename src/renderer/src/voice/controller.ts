/**
 * Push-to-talk. Pressing the talk key (or the mic button) opens the microphone and a stream in
 * the core at once; audio chunks captured before the stream id is known wait here and follow.
 * Interim words show in the prompt bar as they come; releasing flushes the last chunk, stops the
 * microphone and asks the core for the final transcript, which then becomes a prompt-bar edit, a
 * prompt addressed to a session, or a spoken command. Esc cancels. Commands and addressed
 * prompts are shown for VOICE_CONFIRM_MS first, and any key press in that window cancels them.
 */
import type { VoicePush } from '@shared/voice'
import { VOICE_ENCODING } from '@shared/voice-audio'
import { playSound } from '../audio/sound-engine'
import { IDLE_VOICE, useAppStore, type VoiceIntent } from '../store'
import { core } from '../transport'
import { errorMessage, selectSession, sessionsInOrder } from '../ui/commands'
import type { AttentionSource } from './attention'
import { createCaptureContext, startCapture, type Capture } from './capture'
import { dictationBus } from './dictation-bus'
import { interpret } from './interpret'
import { setMicLevel } from './level'

/** How long a spoken command or addressed prompt is shown before it acts. */
export const VOICE_CONFIRM_MS = 1_500
/** A mic-button press shorter than this toggles listening instead of push-to-talk. */
export const TAP_MAX_MS = 350

const store = useAppStore.getState

interface Active {
  /** Set once `voice.start` answered. */
  streamId: number | null
  /** Chunks captured before the stream id was known. */
  queued: ArrayBuffer[]
  capture: Capture | null
  /** Release came before the capture or the stream was ready. */
  releaseRequested: boolean
  cancelled: boolean
}

let active: Active | null = null
let attention: AttentionSource | null = null
let intentTimer: number | null = null

function cue(name: 'voice_start' | 'voice_stop'): void {
  if (store().settings?.voice.soundCues ?? true) playSound(name)
}

function preview(): { finals: string; interim: string } {
  const { finals, interim } = store().voice
  return { finals, interim }
}

function join(...parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ')
}

function onPush(p: VoicePush): void {
  if (!active || p.streamId !== active.streamId) return
  if (p.kind === 'ready') store().setVoice({ phase: 'listening' })
  else if (p.kind === 'transcript') {
    const { finals } = preview()
    if (p.isFinal) store().setVoice({ finals: join(finals, p.text), interim: '' })
    else store().setVoice({ interim: p.text })
  } else if (p.kind === 'error') {
    // The stream is over; collect what it heard (stop answers at once) and show why.
    void release()
  }
}

function send(a: Active, pcm: ArrayBuffer): void {
  if (a.streamId === null) a.queued.push(pcm)
  else core().sendAudio(a.streamId, pcm)
}

/** Starts listening; ignored while a capture is already running. */
export async function press(): Promise<void> {
  if (store().voiceIntent) return cancelIntent()
  if (active) return
  const a: Active = {
    streamId: null,
    queued: [],
    capture: null,
    releaseRequested: false,
    cancelled: false,
  }
  active = a
  store().setVoice({
    ...IDLE_VOICE,
    phase: 'starting',
    startedAt: Date.now(),
    sessionId: store().selectedSessionId,
  })
  cue('voice_start')
  const ctx = createCaptureContext()
  // Each half is recorded the moment it is ready: the provider's "ready" and first words can
  // arrive while the microphone is still opening.
  const capture = startCapture(ctx, {
    onChunk: (pcm) => send(a, pcm),
    onLevel: setMicLevel,
    onEnded: () => void release(),
  }).then((c) => {
    a.capture = c
    if (active === a) store().setVoice({ micLive: true })
    return c
  })
  const stream = core()
    .invoke('voice.start', { encoding: VOICE_ENCODING, sampleRate: ctx.sampleRate, channels: 1 })
    .then(({ streamId }) => {
      a.streamId = streamId
      for (const pcm of a.queued.splice(0)) core().sendAudio(streamId, pcm)
      return streamId
    })
  const [c, s] = await Promise.allSettled([capture, stream])
  const failure = c.status === 'rejected' ? c.reason : s.status === 'rejected' ? s.reason : null
  if (failure !== null) {
    a.capture?.abort()
    if (a.streamId !== null) void core().invoke('voice.cancel', { streamId: a.streamId })
    if (active === a) fail(errorMessage(failure))
    return
  }
  if (a.cancelled) return cleanUp(a, true)
  if (a.releaseRequested) return release()
}

/** Stops listening and turns what was heard into text, a send or a command. */
export async function release(): Promise<void> {
  const a = active
  if (!a || a.cancelled) return
  if (a.streamId === null || !a.capture) {
    a.releaseRequested = true
    return
  }
  if (store().voice.phase === 'finishing') return
  store().setVoice({ phase: 'finishing' })
  await a.capture.stop()
  store().setVoice({ micLive: false })
  cue('voice_stop')
  let result: { transcript: string; error?: { message: string } }
  try {
    result = await core().invoke('voice.stop', { streamId: a.streamId })
  } catch (err) {
    // Nothing heard is lost: whatever showed in the prompt bar stays there.
    const { finals, interim } = preview()
    result = { transcript: join(finals, interim), error: { message: errorMessage(err) } }
  }
  if (active !== a) return
  const sessionId = store().voice.sessionId
  active = null
  if (result.error) {
    if (result.transcript) dictationBus.emit({ sessionId, text: result.transcript })
    store().setVoice({ ...IDLE_VOICE, phase: 'error', error: result.error.message })
    return
  }
  store().setVoice(IDLE_VOICE)
  act(result.transcript, sessionId)
}

/** Esc: stop listening and drop everything this capture heard. */
export function cancel(): void {
  const a = active
  if (!a) return
  a.cancelled = true
  cleanUp(a, true)
}

function cleanUp(a: Active, withCue: boolean): void {
  a.capture?.abort()
  if (a.streamId !== null)
    void core()
      .invoke('voice.cancel', { streamId: a.streamId })
      .catch(() => {})
  if (active === a) active = null
  store().setVoice(IDLE_VOICE)
  if (withCue) cue('voice_stop')
}

function fail(message: string): void {
  active = null
  setMicLevel(0)
  store().setVoice({ ...IDLE_VOICE, phase: 'error', error: message })
}

export function dismissError(): void {
  if (store().voice.phase === 'error') store().setVoice(IDLE_VOICE)
}

export function isCapturing(): boolean {
  return active !== null
}

/** What the final transcript does. */
function act(transcript: string, sessionId: string | null): void {
  if (!transcript) {
    store().toast('info', 'No speech was heard.')
    return
  }
  const settings = store().settings?.voice
  const focused = attention?.focused() ?? null
  const sessions = sessionsInOrder().map((s, i) => ({
    id: s.id,
    name: s.name,
    number: i < 9 ? i + 1 : null,
  }))
  const meaning = interpret(transcript, {
    commands: Boolean(settings?.commands && focused),
    addressing: settings?.addressing ?? true,
    sessions,
  })
  if (meaning.kind === 'command' && focused && attention) {
    if (!focused.commands.includes(meaning.command)) {
      store().toast('info', `“${meaning.command}” does not apply to ${focused.label}.`)
      return
    }
    const source = attention
    const item = focused
    store().setPermissionDialogHidden(false)
    return confirm(
      {
        kind: 'command',
        command: meaning.command,
        itemId: item.id,
        label: item.label,
        deadline: Date.now() + VOICE_CONFIRM_MS,
      },
      () => void source.perform(item, meaning.command),
    )
  }
  if (meaning.kind === 'addressed') {
    const target = store().sessions.find((s) => s.id === meaning.sessionId)!
    // As if its card were clicked: the camera, the feed and the prompt bar follow.
    selectSession(target.id)
    dictationBus.emit({ sessionId: target.id, text: meaning.text, replace: true })
    return confirm(
      {
        kind: 'send',
        sessionId: target.id,
        sessionName: target.name,
        text: meaning.text,
        deadline: Date.now() + VOICE_CONFIRM_MS,
      },
      () => dictationBus.emit({ sessionId: target.id, send: true }),
    )
  }
  dictationBus.emit({ sessionId, text: meaning.kind === 'dictation' ? meaning.text : transcript })
}

function confirm(intent: VoiceIntent, run: () => void): void {
  clearIntentTimer()
  store().setVoiceIntent(intent)
  intentTimer = window.setTimeout(() => {
    intentTimer = null
    if (store().voiceIntent !== intent) return
    store().setVoiceIntent(null)
    run()
  }, intent.deadline - Date.now())
}

function clearIntentTimer(): void {
  if (intentTimer !== null) window.clearTimeout(intentTimer)
  intentTimer = null
}

/** A key press or the Cancel button during the confirmation window. */
export function cancelIntent(): void {
  clearIntentTimer()
  store().setVoiceIntent(null)
}

/**
 * Wires voice to the transport and the attention queue: the `voice` push stream, the keys that
 * end a capture (release of the talk key, Esc) and the key that cancels a pending intent.
 */
export function installVoice(opts: {
  attention: AttentionSource
  /** True when this keyup releases the push-to-talk combo. */
  isTalkRelease: (e: KeyboardEvent) => boolean
  isTalkPress: (e: KeyboardEvent) => boolean
}): () => void {
  attention = opts.attention
  const offPush = core().on('voice', onPush)
  const onKeyDown = (e: KeyboardEvent) => {
    if (['Control', 'Alt', 'Shift', 'Meta'].includes(e.key)) return
    if (store().voiceIntent) {
      // The second key press of the issue: it cancels, and does nothing else.
      e.preventDefault()
      e.stopPropagation()
      if (!e.repeat) cancelIntent()
      return
    }
    if (!active) return
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      cancel()
    } else if (opts.isTalkPress(e)) {
      // Holding the combo repeats it; those repeats are ours.
      e.preventDefault()
      e.stopPropagation()
    }
  }
  const onKeyUp = (e: KeyboardEvent) => {
    if (active && !toggled && opts.isTalkRelease(e)) void release()
  }
  const onBlur = () => {
    // The key-up is never seen once the window loses focus: treat leaving as releasing.
    if (active && !toggled) void release()
  }
  window.addEventListener('keydown', onKeyDown, true)
  window.addEventListener('keyup', onKeyUp, true)
  window.addEventListener('blur', onBlur)
  return () => {
    offPush()
    window.removeEventListener('keydown', onKeyDown, true)
    window.removeEventListener('keyup', onKeyUp, true)
    window.removeEventListener('blur', onBlur)
    attention = null
  }
}

/** Listening started by a tap on the mic button stays on until the next tap. */
let toggled = false

export function setToggled(on: boolean): void {
  toggled = on
}
