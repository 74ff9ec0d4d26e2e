/**
 * Settings → Voice: the provider key (write-only: settings say whether one is set and where it
 * lives, never the key), the endpoint and model, sound cues, addressing, spoken commands and
 * whether recordings are kept.
 */
import { useEffect, useState } from 'react'
import { KeyRound } from 'lucide-react'
import type { Settings, SettingsPatch } from '@shared/settings'
import type { VoiceStatus } from '@shared/voice'
import { core } from '../transport'
import { attempt } from '../ui/commands'
import { Row, Toggle } from '../ui/dialogs/settings-controls'
import { useBindings } from '../keyboard/useKeyboard'
import { Keycaps } from '../ui/common/Keycaps'
import { TALK_ACTION } from './talk-key'
import './voice.css'

const SOURCE_LABEL: Record<NonNullable<VoiceStatus['keySource']>, string> = {
  keychain: 'saved in the OS keychain',
  file: 'saved in a file only you can read',
  env: 'from the environment',
}

function TextSetting({
  label,
  value,
  onCommit,
}: {
  label: string
  value: string
  onCommit(v: string): void
}) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  const commit = () => {
    if (text.trim() && text.trim() !== value) onCommit(text.trim())
    else setText(value)
  }
  return (
    <input
      type="text"
      aria-label={label}
      value={text}
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  )
}

function KeySetting({ status, onStatus }: { status: VoiceStatus; onStatus(s: VoiceStatus): void }) {
  const [draft, setDraft] = useState('')
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const key = draft.trim()
    if (!key) return
    setBusy(true)
    // The field is emptied before the round trip: the key is not kept in this window's state.
    setDraft('')
    const next = await attempt('Key not saved', () =>
      core().invoke('voice.setKey', { provider: status.provider, key }),
    )
    setBusy(false)
    if (next) onStatus(next)
  }
  const clear = async () => {
    const next = await attempt('Key not removed', () =>
      core().invoke('voice.clearKey', { provider: status.provider }),
    )
    if (next) onStatus(next)
  }
  return (
    <div className="voice-key">
      <div className={`voice-key-state${status.keySet ? ' set' : ''}`} role="status">
        <KeyRound size={14} aria-hidden />
        {status.keySet
          ? `Key set — ${SOURCE_LABEL[status.keySource!]}${status.keySource === 'env' ? ` (${status.envVar})` : ''}`
          : 'No key set'}
      </div>
      <form
        className="voice-key-form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <input
          type="password"
          autoComplete="off"
          aria-label="Deepgram API key"
          placeholder={status.keySet ? 'Replace the key' : 'Paste a Deepgram API key'}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button primary small" disabled={busy || !draft.trim()}>
          Save
        </button>
        {status.keySet && status.keySource !== 'env' && (
          <button type="button" className="button subtle small" onClick={() => void clear()}>
            Remove
          </button>
        )}
      </form>
    </div>
  )
}

export function VoiceSettings({
  settings,
  set,
}: {
  settings: Settings
  set(patch: SettingsPatch): void
}) {
  const [status, setStatus] = useState<VoiceStatus | null>(null)
  const combo = useBindings()[TALK_ACTION]?.[0]
  const voice = settings.voice
  useEffect(() => {
    void attempt('Voice status unavailable', () => core().invoke('voice.status', {})).then(
      (s) => s && setStatus(s),
    )
  }, [])
  const setVoice = (patch: NonNullable<SettingsPatch['voice']>) => set({ voice: patch })
  return (
    <>
      <p className="setting-intro">
        Hold {combo ? <Keycaps combo={combo} /> : 'the talk key'} or the microphone button in the
        prompt bar and speak; release to finish, Esc to cancel. Speech goes to Deepgram through
        Atelier, which holds the key; the window never sees it.
      </p>
      <Row
        label="Deepgram API key"
        hint={
          status
            ? `Saved in ${status.storageLabel}. Without one, ${status.envVar} is used if set.`
            : undefined
        }
      >
        {status ? (
          <KeySetting status={status} onStatus={setStatus} />
        ) : (
          <span className="muted">…</span>
        )}
      </Row>
      <Row label="Model" hint="Deepgram model name, e.g. nova-3.">
        <TextSetting label="Model" value={voice.model} onCommit={(model) => setVoice({ model })} />
      </Row>
      <Row label="Language" hint="e.g. en, en-US, or multi.">
        <TextSetting
          label="Language"
          value={voice.language}
          onCommit={(language) => setVoice({ language })}
        />
      </Row>
      <Row label="Endpoint" hint="For a self-hosted Deepgram; wss:// (ws:// only on this machine).">
        <TextSetting
          label="Endpoint"
          value={voice.endpoint}
          onCommit={(endpoint) => setVoice({ endpoint })}
        />
      </Row>
      {(
        [
          ['soundCues', 'Sound cues', 'A tone when listening starts and stops.'],
          [
            'addressing',
            'Addressing',
            '“To builder: run the tests” sends to the session named builder (or “to 2: …”).',
          ],
          [
            'commands',
            'Spoken commands',
            '“allow”, “deny”, “always”, “next”, “skip” answer the request in focus after a short confirmation (any key cancels).',
          ],
          [
            'keepRecordings',
            'Keep recordings',
            `Off: audio is never written to disk. On: each capture is saved as a WAV in ${status?.recordingsDir ?? 'the data folder'}.`,
          ],
        ] as const
      ).map(([key, label, hint]) => (
        <Row key={key} label={label} hint={hint}>
          <Toggle label={label} checked={voice[key]} onChange={(v) => setVoice({ [key]: v })} />
        </Row>
      ))}
    </>
  )
}
