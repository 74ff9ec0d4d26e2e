/**
 * Detail models on top of each station's base box (docs/original.md#stations): bookshelf, desk,
 * workbench, terminal, scanner, antenna, portal, taskboard. Shared geometry and materials only;
 * every part is a PartSlot, drawn instanced together with the same part of every other zone.
 * Stations receive but cast no shadows: only robots cast (each caster pool is drawn again into
 * the shadow map, and the sun's shadow camera covers a single zone anyway).
 */
import '../instancing/part-element'
import type { ReactElement } from 'react'
import { geo, mat } from '../resources'
import type { StationId } from './station-table'

const WOOD = '#7c4a2d'
const DARK = '#1e293b'
const METAL = '#94a3b8'
const GOLD = '#fbbf24'
const ORANGE = '#f97316'
const BOOKS = ['#ef4444', '#3b82f6', '#22c55e', '#eab308', '#a855f7']

/** Base top: the box is 0.8 high, so details start at y = 0.8. */
const TOP = 0.8

function Bookshelf() {
  const wood = mat.standard(WOOD)
  return (
    <group position={[0, TOP, 0]}>
      <partSlot geometry={geo.box(0.08, 1.4, 0.6)} material={wood} position={[-0.7, 0.7, 0]} />
      <partSlot geometry={geo.box(0.08, 1.4, 0.6)} material={wood} position={[0.7, 0.7, 0]} />
      <partSlot geometry={geo.box(1.4, 0.06, 0.6)} material={wood} position={[0, 0.5, 0]} />
      <partSlot geometry={geo.box(1.4, 0.06, 0.6)} material={wood} position={[0, 1.4, 0]} />
      {BOOKS.map((c, i) => (
        <partSlot
          key={c}
          geometry={geo.box(0.16, 0.42 + (i % 2) * 0.06, 0.45)}
          material={mat.standard(c)}
          position={[-0.48 + i * 0.24, 0.76 + (i % 2) * 0.03, 0]}
          rotation={[0, 0, i === 4 ? 0.2 : 0]}
        />
      ))}
    </group>
  )
}

function Desk() {
  return (
    <group position={[0, TOP, 0]}>
      <partSlot
        geometry={geo.box(0.6, 0.01, 0.8)}
        material={mat.standard('#f8fafc')}
        position={[0, 0.01, 0]}
        rotation={[0, 0.15, 0]}
      />
      <partSlot
        geometry={geo.cylinder(0.02, 0.02, 0.5, 6)}
        material={mat.standard(GOLD)}
        position={[0.2, 0.04, 0.1]}
        rotation={[Math.PI / 2, 0, 0.8]}
      />
      <partSlot
        geometry={geo.cylinder(0.1, 0.12, 0.16, 12)}
        material={mat.standard(DARK, { metalness: 0.6 })}
        position={[-0.5, 0.08, -0.25]}
      />
      <partSlot
        geometry={geo.circle(0.09, 12)}
        material={mat.glow('#1d4ed8')}
        position={[-0.5, 0.161, -0.25]}
        rotation={[-Math.PI / 2, 0, 0]}
      />
    </group>
  )
}

function Workbench() {
  const metal = mat.standard(METAL, { metalness: 0.7, roughness: 0.3 })
  const orange = mat.standard(ORANGE, { metalness: 0.5 })
  return (
    <group position={[0, TOP, 0]}>
      <partSlot geometry={geo.box(0.3, 0.25, 0.3)} material={metal} position={[-0.45, 0.125, 0]} />
      <partSlot geometry={geo.box(0.06, 0.2, 0.32)} material={metal} position={[-0.25, 0.2, 0]} />
      <partSlot
        geometry={geo.cylinder(0.025, 0.025, 0.5, 6)}
        material={mat.standard(WOOD)}
        position={[0.1, 0.04, 0.2]}
        rotation={[0, 0, Math.PI / 2]}
      />
      <partSlot geometry={geo.box(0.14, 0.1, 0.1)} material={metal} position={[0.36, 0.05, 0.2]} />
      <partSlot
        geometry={geo.torus(0.14, 0.04, 8)}
        material={orange}
        position={[0.3, 0.04, -0.2]}
        rotation={[Math.PI / 2, 0, 0]}
      />
      <partSlot
        geometry={geo.torus(0.09, 0.03, 8)}
        material={orange}
        position={[0.52, 0.03, -0.05]}
        rotation={[Math.PI / 2, 0, 0]}
      />
      <partSlot
        geometry={geo.cylinder(0.015, 0.015, 0.35, 6)}
        material={metal}
        position={[0, 0.03, -0.3]}
        rotation={[0, 0.6, Math.PI / 2]}
      />
    </group>
  )
}

function Terminal() {
  return (
    <group position={[0, TOP, 0]}>
      <partSlot
        geometry={geo.box(0.9, 0.7, 0.5)}
        material={mat.standard(DARK, { metalness: 0.4 })}
        position={[0, 0.45, -0.1]}
      />
      <partSlot
        geometry={geo.box(0.72, 0.52, 0.01)}
        material={mat.glow('#064e3b')}
        position={[0, 0.47, 0.16]}
      />
      <partSlot
        geometry={geo.box(0.12, 0.05, 0.01)}
        material={mat.glow('#4ade80')}
        position={[-0.24, 0.6, 0.17]}
      />
      <partSlot
        geometry={geo.box(0.06, 0.05, 0.01)}
        material={mat.glow('#4ade80')}
        position={[-0.13, 0.6, 0.17]}
      />
      <partSlot
        geometry={geo.box(0.8, 0.04, 0.28)}
        material={mat.standard('#334155')}
        position={[0, 0.02, 0.3]}
      />
    </group>
  )
}

function Scanner() {
  return (
    <group position={[0, TOP + 0.5, 0]} rotation={[0, 0, 0.5]}>
      <partSlot
        geometry={geo.cylinder(0.05, 0.06, 0.6, 8)}
        material={mat.standard(WOOD)}
        position={[0, -0.5, 0]}
      />
      <partSlot
        geometry={geo.torus(0.3, 0.05, 24)}
        material={mat.standard(GOLD, { metalness: 0.8, roughness: 0.2 })}
        position={[0, 0.05, 0]}
      />
      <partSlot
        geometry={geo.circle(0.28, 24)}
        material={mat.glow('#bae6fd', 0.35)}
        position={[0, 0.05, 0]}
      />
      <partSlot
        geometry={geo.circle(0.06, 8)}
        material={mat.glow('#ffffff', 0.9)}
        position={[-0.1, 0.15, 0.01]}
      />
    </group>
  )
}

function Antenna() {
  const metal = mat.standard(METAL, { metalness: 0.7, roughness: 0.3 })
  return (
    <group position={[0, TOP, 0]}>
      {[-1, 1].map((s) => (
        <partSlot
          key={s}
          geometry={geo.cylinder(0.03, 0.05, 1.6, 6)}
          material={metal}
          position={[0.15 * s, 0.8, 0]}
          rotation={[0, 0, -0.09 * s]}
        />
      ))}
      {[0.4, 0.8, 1.2].map((y) => (
        <partSlot
          key={y}
          geometry={geo.box(0.3 - y * 0.1, 0.03, 0.03)}
          material={metal}
          position={[0, y, 0]}
        />
      ))}
      <partSlot
        geometry={geo.sphere(0.35, 16)}
        material={mat.standard('#e2e8f0', { metalness: 0.5 })}
        position={[0, 1.7, 0.1]}
        scale={[1, 1, 0.3]}
        rotation={[-0.5, 0, 0]}
      />
      <partSlot
        geometry={geo.torus(0.5, 0.015, 24)}
        material={mat.glow('#4ac8e8', 0.5)}
        position={[0, 1.8, 0.3]}
        rotation={[-0.5, 0, 0]}
      />
      <partSlot
        geometry={geo.torus(0.7, 0.012, 24)}
        material={mat.glow('#4ac8e8', 0.3)}
        position={[0, 1.85, 0.4]}
        rotation={[-0.5, 0, 0]}
      />
      <partSlot
        geometry={geo.sphere(0.06, 8)}
        material={mat.glow('#ef4444')}
        position={[0, 1.62, 0]}
      />
    </group>
  )
}

function Portal() {
  return (
    <group position={[0, TOP + 0.8, 0]}>
      <partSlot
        geometry={geo.torus(0.7, 0.1, 32)}
        material={mat.standard('#7c3aed', { emissive: '#7c3aed', emissiveIntensity: 0.6 })}
      />
      <partSlot geometry={geo.circle(0.62, 32)} material={mat.additive('#a78bfa', 0.55)} />
    </group>
  )
}

function Taskboard() {
  const notes = ['#fde047', '#86efac', '#93c5fd', '#f9a8d4']
  return (
    <group position={[0, TOP, 0]}>
      <partSlot
        geometry={geo.box(1.2, 0.9, 0.06)}
        material={mat.standard('#a16207')}
        position={[0, 0.7, 0]}
      />
      <partSlot
        geometry={geo.box(0.06, 0.4, 0.06)}
        material={mat.standard(WOOD)}
        position={[0, 0.2, 0]}
      />
      {notes.map((c, i) => (
        <partSlot
          key={c}
          geometry={geo.box(0.3, 0.28, 0.01)}
          material={mat.standard(c)}
          position={[-0.3 + (i % 2) * 0.6, 0.9 - Math.floor(i / 2) * 0.38, 0.04]}
          rotation={[0, 0, (i - 1.5) * 0.06]}
        />
      ))}
    </group>
  )
}

export const STATION_MODELS: Record<Exclude<StationId, 'center'>, () => ReactElement> = {
  bookshelf: Bookshelf,
  desk: Desk,
  workbench: Workbench,
  terminal: Terminal,
  scanner: Scanner,
  antenna: Antenna,
  portal: Portal,
  taskboard: Taskboard,
}
