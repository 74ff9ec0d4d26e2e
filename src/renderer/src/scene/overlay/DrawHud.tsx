/** Draw-mode palette and brush status, shown while draw mode is on. */
import { Eraser, Layers, Paintbrush } from 'lucide-react'
import { PAINT_PALETTE } from '../constants'
import { pickDrawColor } from '../draw-actions'
import { useSceneStore } from '../scene-store'
import { keyCap, panel } from './styles'

export function DrawHud() {
  const draw = useSceneStore((s) => s.draw)
  if (!draw.enabled) return null
  return (
    <div
      data-testid="draw-hud"
      style={{
        ...panel,
        left: '50%',
        bottom: 16,
        transform: 'translateX(-50%)',
        padding: '8px 12px',
        display: 'flex',
        alignItems: 'center',
        gap: 10,
      }}
    >
      <Paintbrush size={16} />
      {PAINT_PALETTE.map((c, i) => (
        <button
          key={c}
          type="button"
          aria-label={`Colour ${i + 1}`}
          onClick={() => pickDrawColor(i)}
          style={{
            width: 22,
            height: 22,
            borderRadius: 4,
            background: c,
            border: draw.color === i ? '2px solid #fff' : '2px solid transparent',
            cursor: 'pointer',
          }}
        />
      ))}
      <button
        type="button"
        aria-label="Eraser"
        onClick={() => pickDrawColor(-1)}
        style={{
          background: 'none',
          border: draw.color < 0 ? '2px solid #fff' : '2px solid transparent',
          borderRadius: 4,
          color: '#e2e8f0',
          cursor: 'pointer',
        }}
      >
        <Eraser size={16} />
      </button>
      <span>
        brush {draw.brush} <span style={keyCap}>Q</span>/<span style={keyCap}>E</span>
      </span>
      <span
        style={{ display: 'flex', alignItems: 'center', gap: 4, opacity: draw.stack ? 1 : 0.5 }}
      >
        <Layers size={14} /> stack <span style={keyCap}>R</span>
      </span>
      <span style={{ color: '#64748b' }}>
        <span style={keyCap}>X</span> clear <span style={keyCap}>D</span> exit
      </span>
    </div>
  )
}
