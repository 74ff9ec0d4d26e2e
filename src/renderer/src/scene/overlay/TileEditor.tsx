/**
 * The text label editor (docs/original.md#draw-mode-labels-and-the-floor-menu): up to 500 characters with a counter; Enter saves,
 * Shift+Enter or Ctrl+Enter adds a newline, Escape cancels. Saves through tiles.create/update.
 */
import { useEffect, useRef, useState } from 'react'
import { TEXT_TILE_MAX_CHARS } from '@shared/world'
import { useAppStore } from '../../store'
import { core } from '../../transport'
import { useSceneStore } from '../scene-store'
import { panel } from './styles'

export function TileEditor() {
  const editor = useSceneStore((s) => s.tileEditor)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const area = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    setText(editor?.text ?? '')
    if (editor) setTimeout(() => area.current?.focus(), 0)
  }, [editor])

  if (!editor) return null
  const close = () => useSceneStore.setState({ tileEditor: null })
  const save = async () => {
    const value = text.trim()
    if (!value) return close()
    setBusy(true)
    try {
      if (editor.tileId) await core().invoke('tiles.update', { id: editor.tileId, text: value })
      else await core().invoke('tiles.create', { text: value, position: editor.hex })
      close()
    } catch (err) {
      useAppStore
        .getState()
        .toast(
          'error',
          `Could not save the label: ${err instanceof Error ? err.message : String(err)}`,
        )
    } finally {
      setBusy(false)
    }
  }
  return (
    <div
      data-testid="tile-editor"
      style={{
        ...panel,
        left: '50%',
        top: '30%',
        transform: 'translateX(-50%)',
        padding: 12,
        width: 340,
      }}
    >
      <div style={{ marginBottom: 6, fontWeight: 600 }}>
        {editor.tileId ? 'Edit label' : 'New label'}
      </div>
      <textarea
        ref={area}
        value={text}
        maxLength={TEXT_TILE_MAX_CHARS}
        rows={4}
        disabled={busy}
        style={{
          width: '100%',
          boxSizing: 'border-box',
          background: '#0f172a',
          color: '#e2e8f0',
          border: '1px solid #334155',
          borderRadius: 6,
          padding: 8,
          font: 'inherit',
          resize: 'vertical',
        }}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            close()
          } else if (e.key === 'Enter' && e.ctrlKey) {
            e.preventDefault()
            setText((t) => `${t}\n`)
          } else if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault()
            void save()
          }
        }}
      />
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          marginTop: 6,
          color: '#64748b',
          fontSize: 11,
        }}
      >
        <span>Enter saves, Shift+Enter new line, Esc cancels</span>
        <span>
          {text.length}/{TEXT_TILE_MAX_CHARS}
        </span>
      </div>
    </div>
  )
}
