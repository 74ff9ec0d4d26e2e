/**
 * "Rotate access tokens": new app and observer tokens, with a confirmation step that says what
 * stops working. A headless page signs itself in again through the one-time link it gets back.
 */
import { useState } from 'react'
import { KeyRound } from 'lucide-react'
import { core } from '../../transport'
import { useAppStore } from '../../store'
import { attempt } from '../commands'
import { Row } from './settings-controls'
import { CancelAndAction } from './Dialog'

export function RotateTokens() {
  const runtime = useAppStore((s) => s.runtime)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const rotate = async () => {
    setBusy(true)
    const answer = await attempt('Could not rotate the tokens', () =>
      core().invoke('auth.rotate', {}),
    )
    setBusy(false)
    setConfirming(false)
    if (!answer) return
    if (runtime === 'headless' && answer.url) {
      // This page's own credential died with the old token: reopen through the new link.
      window.location.assign(answer.url)
      return
    }
    useAppStore.getState().toast('success', 'Access tokens rotated')
  }
  return (
    <Row
      label="Rotate access tokens"
      hint={
        <>
          Replaces the token that scripts and <code>/api</code> use (in the data folder) and the
          token of the global hooks. Open browser pages must sign in again; sessions keep their own
          hook credentials, which are new at every launch.
        </>
      }
    >
      {confirming ? (
        <span className="button-row">
          <CancelAndAction
            onCancel={() => setConfirming(false)}
            action="Rotate now"
            tone="danger"
            disabled={busy}
            onAction={() => void rotate()}
          />
        </span>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          <KeyRound size={14} aria-hidden /> Rotate…
        </button>
      )}
    </Row>
  )
}
