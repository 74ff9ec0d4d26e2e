/**
 * Claude Code's "do you trust this folder?" asked in the New Session dialog instead of in the
 * session's terminal, where it would hold the session before its first hook
 * (docs/claude-files.md#folder-trust). Nothing is recorded unless the box is ticked.
 */
import { useState } from 'react'
import { ShieldQuestionMark } from 'lucide-react'
import type { ResponseOf } from '@shared/contract'
import { core } from '../../transport'
import { tildePath } from '../common/format'
import { useDebouncedEffect } from '../common/use-debounced-effect'
import { CheckField } from './Dialog'

export type FolderTrust = ResponseOf<'projects.trust'>

/** Asked once the folder field has been still this long (it changes on every key). */
const TRUST_CHECK_DEBOUNCE_MS = 200

/** Claude Code's trust of the typed folder; null while unknown (empty, relative, missing folder). */
export function useFolderTrust(cwd: string): FolderTrust | null {
  const [trust, setTrust] = useState<{ cwd: string; trust: FolderTrust } | null>(null)
  const folder = cwd.trim()
  useDebouncedEffect(
    (stale) => {
      if (!folder.startsWith('/')) return
      core()
        .invoke('projects.trust', { cwd: folder })
        .then((t) => !stale() && setTrust({ cwd: folder, trust: t }))
        .catch(() => !stale() && setTrust(null))
    },
    TRUST_CHECK_DEBOUNCE_MS,
    [folder],
  )
  // An answer about a folder the field no longer names is not shown.
  return trust?.cwd === folder ? trust.trust : null
}

export function TrustQuestion({
  trust,
  consent,
  onConsent,
}: {
  trust: FolderTrust
  consent: boolean
  onConsent(v: boolean): void
}) {
  const folder = tildePath(trust.projectFolder)
  return (
    <section className="trust-question" aria-labelledby="ns-trust-title">
      <h3 id="ns-trust-title">
        <ShieldQuestionMark size={16} aria-hidden />
        Trust this folder for Claude Code?
      </h3>
      {trust.recordable ? (
        <>
          <p>
            Claude Code has not been told to trust <code>{folder}</code>. In a folder it trusts it
            can read, edit and run the files there, so it asks once before it starts.
          </p>
          <CheckField
            checked={consent}
            onChange={onConsent}
            label="Yes, I trust this folder"
            hint={
              consent
                ? 'Atelier records your answer in ~/.claude.json, as Claude Code itself does, and the session starts at its prompt.'
                : 'Unticked, Claude Code asks in its terminal and waits there before it starts.'
            }
          />
        </>
      ) : (
        <p>
          Claude Code asks about your home folder every time it starts there and never records the
          answer: answer it in the session&apos;s terminal.
        </p>
      )}
    </section>
  )
}
