/** Version, data folder, log file and runtime, from app.info. */
import { useEffect, useState } from 'react'
import { FolderOpen, Info } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import type { ResponseOf } from '@shared/contract'
import { core } from '../../transport'
import { attempt, revealInFileManager } from '../commands'
import { Dialog } from './Dialog'
import './about-dialog.css'

export function AboutDialog({ onClose }: { onClose(): void }) {
  const [info, setInfo] = useState<ResponseOf<'app.info'> | null>(null)
  useEffect(() => {
    void attempt('Could not read app info', () => core().invoke('app.info', {})).then(
      (i) => i && setInfo(i),
    )
  }, [])
  return (
    <Dialog title="About Atelier" icon={<Info size={16} aria-hidden />} onClose={onClose}>
      <p className="about-lead">
        A live 3D workshop for supervising many Claude Code sessions at once.
      </p>
      {info ? (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Runtime</dt>
          <dd>
            {info.runtime} · {info.platform}
          </dd>
          <dt>Claude Code</dt>
          <dd>{info.claudeVersion ?? 'not found on PATH'}</dd>
          <dt>Data folder</dt>
          <dd className="path-row">
            <code>{info.dataDir}</code>
            <IconButton
              label="Show the data folder in the file manager"
              onClick={() => void revealInFileManager(info.dataDir)}
              icon={FolderOpen}
              size={14}
            />
          </dd>
          <dt>Log file</dt>
          <dd className="path-row">
            <code>{info.logFile}</code>
            <IconButton
              label="Show the log file in the file manager"
              onClick={() => void revealInFileManager(info.logFile)}
              icon={FolderOpen}
              size={14}
            />
          </dd>
          <dt>Hook endpoint</dt>
          <dd>
            <code>{info.hookUrl}</code>
          </dd>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
      <p className="muted">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
    </Dialog>
  )
}
