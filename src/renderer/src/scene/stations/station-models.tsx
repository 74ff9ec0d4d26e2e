/**
 * The nine station models (docs/workshop-style.md#stations): small, dark and detailed, each
 * with a silhouette that reads at overview distance. Built only from the station kit's unit
 * shapes (resources.ts `kit`) scaled into place, so every part is drawn instanced with the same
 * part of every other station and zone. Local +z faces the zone centre, where the robot stands.
 * Parts neither cast nor receive shadows: only robots cast (each caster pool is drawn again into
 * the shadow map).
 */
import '../instancing/part-element'
import type { ReactElement } from 'react'
import type { Material } from 'three'
import { kit, mat } from '../resources'
import type { StationId } from './station-table'

type V3 = [number, number, number]

interface PartProps {
  /** Size along x, y, z (the kit shapes are unit sized). */
  s: V3
  p: V3
  r?: V3
  m: Material
}

const Box = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.box()} material={m} position={p} rotation={r} scale={s} />
)
const Cyl = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.cylinder()} material={m} position={p} rotation={r} scale={s} />
)
const Hex = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.hexPrism()} material={m} position={p} rotation={r} scale={s} />
)
const Ball = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.sphere()} material={m} position={p} rotation={r} scale={s} />
)
const Cone = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.cone()} material={m} position={p} rotation={r} scale={s} />
)
const Rim = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.thinTorus()} material={m} position={p} rotation={r} scale={s} />
)
const Hairline = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.hairTorus()} material={m} position={p} rotation={r} scale={s} />
)
const Ring = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.thickTorus()} material={m} position={p} rotation={r} scale={s} />
)
const Disc = ({ s, p, r, m }: PartProps) => (
  <partSlot geometry={kit.disc()} material={m} position={p} rotation={r} scale={s} />
)

/** Colours of the models (bodies stay dark in both themes: silhouettes, not decoration). */
export const MODEL_COLORS = {
  body: '#263245',
  bodyDark: '#1a2331',
  trim: '#3a4a62',
  wood: '#5a3d2b',
  woodDark: '#3d2a1e',
  metal: '#9aa7b8',
  paper: '#e8edf3',
  cork: '#8a6240',
}

const BOOK_COLORS = ['#b45309', '#1d4ed8', '#047857', '#7c3aed', '#be123c', '#ca8a04', '#0e7490']
const NOTE_COLORS = ['#fde047', '#86efac', '#93c5fd', '#f9a8d4', '#fdba74']

/** The plinth every station stands on: a dark disc with a thin trim in the station colour. */
export function Plinth({ tint }: { tint: string }) {
  return (
    <>
      <Cyl s={[1.7, 0.12, 1.7]} p={[0, 0.06, 0]} m={mat.body(MODEL_COLORS.bodyDark)} />
      <Hairline
        s={[1.62, 1.62, 1.62]}
        p={[0, 0.125, 0]}
        r={[Math.PI / 2, 0, 0]}
        m={mat.glow(tint, 0.7)}
      />
    </>
  )
}

/** Top of the plinth: models stand on y = BASE. */
const BASE = 0.12

function Bookshelf({ tint }: { tint: string }) {
  const wood = mat.body(MODEL_COLORS.wood)
  const dark = mat.body(MODEL_COLORS.woodDark)
  const rows = [0.2, 0.66, 1.12]
  return (
    <group position={[0, BASE, -0.1]}>
      <Box s={[1.4, 1.72, 0.04]} p={[0, 0.86, -0.2]} m={dark} />
      {[-0.68, 0, 0.68].map((x) => (
        <Box key={x} s={[0.07, 1.72, 0.46]} p={[x, 0.86, 0]} m={wood} />
      ))}
      {[0.03, ...rows.map((y) => y + 0.43), 1.72].map((y) => (
        <Box key={y} s={[1.43, 0.05, 0.46]} p={[0, y, 0]} m={wood} />
      ))}
      {rows.flatMap((y, row) =>
        [-1, 1].flatMap((bay) =>
          [0, 1, 2, 3].map((i) => {
            const k = row * 8 + (bay + 1) * 2 + i
            const h = 0.3 + ((k * 7) % 5) * 0.025
            const lean = row === 1 && bay === 1 && i === 3 ? -0.25 : 0
            return (
              <Box
                key={`${row}:${bay}:${i}`}
                s={[0.11, h, 0.32]}
                p={[bay * 0.34 + (i - 1.5) * 0.13 + lean * 0.12, y + 0.08 + h / 2, 0.04]}
                r={[0, 0, lean]}
                m={mat.body(BOOK_COLORS[k % BOOK_COLORS.length])}
              />
            )
          }),
        ),
      )}
      <Box s={[1.3, 0.04, 0.04]} p={[0, 1.76, 0.2]} m={mat.glow(tint)} />
    </group>
  )
}

function Desk({ tint }: { tint: string }) {
  const wood = mat.body(MODEL_COLORS.wood)
  const dark = mat.body(MODEL_COLORS.body)
  const metal = mat.metal(MODEL_COLORS.metal)
  return (
    <group position={[0, BASE, 0]}>
      <Box s={[1.5, 0.07, 0.8]} p={[0, 0.72, 0]} m={wood} />
      {[-0.68, 0.68].flatMap((x) =>
        [-0.33, 0.33].map((z) => (
          <Box key={`${x}:${z}`} s={[0.07, 0.7, 0.07]} p={[x, 0.35, z]} m={dark} />
        )),
      )}
      <Box
        s={[0.46, 0.012, 0.6]}
        p={[0.05, 0.76, 0.05]}
        r={[0, 0.12, 0]}
        m={mat.body(MODEL_COLORS.paper)}
      />
      <Box
        s={[0.46, 0.012, 0.6]}
        p={[0.12, 0.772, 0.02]}
        r={[0, -0.1, 0]}
        m={mat.body('#d6dde6')}
      />
      <Cyl
        s={[0.03, 0.42, 0.03]}
        p={[0.28, 0.79, 0.2]}
        r={[Math.PI / 2, 0, 0.7]}
        m={mat.metal('#d4a017')}
      />
      <Cyl s={[0.16, 0.14, 0.16]} p={[-0.5, 0.83, -0.22]} m={mat.body('#0f172a')} />
      <Cyl s={[0.1, 0.02, 0.1]} p={[-0.5, 0.91, -0.22]} m={mat.glow('#3b82f6')} />
      {/* Desk lamp: base, two arms, shade with a bulb in the station colour. */}
      <Cyl s={[0.24, 0.04, 0.24]} p={[0.52, 0.78, -0.25]} m={dark} />
      <Box s={[0.04, 0.5, 0.04]} p={[0.52, 1.02, -0.25]} r={[0.35, 0, 0]} m={metal} />
      <Box s={[0.04, 0.36, 0.04]} p={[0.52, 1.3, -0.05]} r={[-0.9, 0, 0]} m={metal} />
      <Cone s={[0.26, 0.2, 0.26]} p={[0.52, 1.34, 0.12]} r={[0.5, 0, 0]} m={dark} />
      <Ball s={[0.1, 0.1, 0.1]} p={[0.52, 1.27, 0.16]} m={mat.glow(tint)} />
    </group>
  )
}

function Workbench({ tint }: { tint: string }) {
  const wood = mat.body(MODEL_COLORS.wood)
  const dark = mat.body(MODEL_COLORS.body)
  const metal = mat.metal(MODEL_COLORS.metal)
  const gear = mat.metal(tint)
  return (
    <group position={[0, BASE, 0]}>
      <Box s={[1.6, 0.12, 0.85]} p={[0, 0.66, 0]} m={wood} />
      {[-0.7, 0.7].flatMap((x) =>
        [-0.34, 0.34].map((z) => (
          <Box key={`${x}:${z}`} s={[0.12, 0.6, 0.12]} p={[x, 0.3, z]} m={dark} />
        )),
      )}
      <Box s={[1.4, 0.05, 0.7]} p={[0, 0.18, 0]} m={dark} />
      <Box s={[0.3, 0.2, 0.3]} p={[0.5, 0.3, 0]} m={mat.body('#7f1d1d')} />
      {/* Vice: fixed jaw, moving jaw, screw and handle. */}
      <Box s={[0.34, 0.22, 0.26]} p={[-0.52, 0.83, -0.1]} m={metal} />
      <Box s={[0.08, 0.22, 0.3]} p={[-0.3, 0.83, -0.1]} m={metal} />
      <Cyl s={[0.04, 0.5, 0.04]} p={[-0.16, 0.8, -0.1]} r={[0, 0, Math.PI / 2]} m={metal} />
      <Cyl s={[0.03, 0.26, 0.03]} p={[0.08, 0.8, -0.1]} m={dark} />
      {/* Gears in the station colour. */}
      <Ring s={[0.42, 0.42, 0.42]} p={[0.3, 0.77, -0.18]} r={[Math.PI / 2, 0, 0]} m={gear} />
      <Ring s={[0.26, 0.26, 0.26]} p={[0.56, 0.75, 0.02]} r={[Math.PI / 2, 0, 0]} m={gear} />
      {/* Hammer. */}
      <Cyl
        s={[0.04, 0.5, 0.04]}
        p={[0.05, 0.75, 0.26]}
        r={[0, 0, Math.PI / 2]}
        m={mat.body('#92400e')}
      />
      <Box s={[0.1, 0.1, 0.24]} p={[0.32, 0.77, 0.26]} m={metal} />
      <Box s={[0.7, 0.03, 0.5]} p={[0, 1.32, -0.42]} r={[Math.PI / 2, 0, 0]} m={dark} />
      {[-0.2, 0, 0.2].map((x) => (
        <Box key={x} s={[0.04, 0.22, 0.04]} p={[x, 1.22, -0.38]} m={metal} />
      ))}
    </group>
  )
}

/**
 * A low console with a chunky monitor on it, its screen toward the robot. Kept low (its top at
 * about the robot's shoulder) because the terminal stands at the front of the zone: a taller
 * monitor hid the robot typing behind it from the camera, at the station used most.
 */
function Terminal({ tint }: { tint: string }) {
  const dark = mat.body(MODEL_COLORS.body)
  const screenLine = mat.glow('#22c55e')
  /** Height of the monitor's centre. */
  const my = 0.78
  return (
    <group position={[0, BASE, 0]}>
      <Box s={[1.3, 0.4, 0.8]} p={[0, 0.2, 0]} m={mat.body(MODEL_COLORS.bodyDark)} />
      <Box s={[1.06, 0.64, 0.74]} p={[0, my, -0.08]} m={dark} />
      <Box s={[0.96, 0.56, 0.04]} p={[0, my, 0.3]} m={mat.body(MODEL_COLORS.trim)} />
      <Box s={[0.8, 0.44, 0.02]} p={[0, my, 0.325]} m={mat.glow('#052e1a')} />
      {[0.13, 0.05, -0.03].map((y, i) => (
        <Box
          key={y}
          s={[[0.5, 0.36, 0.58][i], 0.035, 0.01]}
          p={[-0.32 + [0.5, 0.36, 0.58][i] / 2, my + y, 0.34]}
          m={mat.glow('#166534')}
        />
      ))}
      <Box s={[0.08, 0.05, 0.01]} p={[-0.3, my - 0.12, 0.34]} m={screenLine} />
      <Box s={[0.06, 0.05, 0.01]} p={[-0.2, my - 0.12, 0.34]} m={screenLine} />
      <Box
        s={[0.9, 0.05, 0.3]}
        p={[0, 0.43, 0.24]}
        r={[0.12, 0, 0]}
        m={mat.body(MODEL_COLORS.trim)}
      />
      <Box s={[0.8, 0.02, 0.22]} p={[0, 0.46, 0.24]} r={[0.12, 0, 0]} m={mat.body('#111827')} />
      <Ball s={[0.05, 0.05, 0.05]} p={[0.42, 0.5, 0.32]} m={mat.glow(tint)} />
      {/* The CRT's tapered back with cooling slots, lit by the screen's glow. */}
      <Box s={[0.8, 0.48, 0.3]} p={[0, my, -0.58]} m={dark} />
      {[-0.1, 0, 0.1].map((y) => (
        <Box key={y} s={[0.5, 0.03, 0.01]} p={[0, my + y, -0.735]} m={mat.glow('#166534')} />
      ))}
      <Box s={[0.9, 0.02, 0.03]} p={[0, my + 0.33, 0.27]} m={mat.glow(tint, 0.7)} />
    </group>
  )
}

function Scanner({ tint }: { tint: string }) {
  const dark = mat.body(MODEL_COLORS.body)
  const metal = mat.metal(MODEL_COLORS.metal)
  return (
    <group position={[0, BASE, 0]}>
      <Box s={[1.2, 0.1, 0.9]} p={[0, 0.05, 0]} m={dark} />
      <Box s={[1.0, 0.01, 0.7]} p={[0, 0.105, 0]} m={mat.glow('#0c4a6e')} />
      {[-0.2, 0.2].map((z) => (
        <Box key={z} s={[1.0, 0.012, 0.02]} p={[0, 0.115, z]} m={mat.glow(tint)} />
      ))}
      {/* Arm rising from the back, reaching over the plate. */}
      <Cyl s={[0.09, 1.4, 0.09]} p={[-0.45, 0.8, -0.3]} m={metal} />
      <Box s={[0.07, 0.07, 0.62]} p={[-0.45, 1.48, -0.02]} m={metal} />
      {/* Magnifying lens: gold rim, glass, glint; tilted toward the robot. */}
      <group position={[-0.1, 1.25, 0.28]} rotation={[-0.6, 0, 0.25]}>
        <Rim s={[0.78, 0.78, 0.9]} p={[0, 0, 0]} m={mat.metal('#d4a017')} />
        <Disc s={[0.74, 0.74, 1]} p={[0, 0, 0]} m={mat.additive('#7dd3fc', 0.35)} />
        <Disc s={[0.12, 0.12, 1]} p={[-0.14, 0.14, 0.01]} m={mat.glow('#ffffff', 0.85)} />
        <Cyl s={[0.07, 0.4, 0.07]} p={[0.34, -0.5, 0]} r={[0, 0, 0.6]} m={mat.body('#7c2d12')} />
      </group>
      <Cone s={[0.5, 1.0, 0.5]} p={[-0.1, 0.62, 0.18]} m={mat.additive(tint, 0.12)} />
    </group>
  )
}

function Antenna({ tint }: { tint: string }) {
  const metal = mat.metal(MODEL_COLORS.metal)
  const dark = mat.body(MODEL_COLORS.body)
  const legs = [0, (2 * Math.PI) / 3, (4 * Math.PI) / 3]
  return (
    <group position={[0, BASE, -0.1]}>
      <Hex s={[0.9, 0.16, 0.9]} p={[0, 0.08, 0]} m={dark} />
      {legs.map((a) => (
        <Cyl
          key={a}
          s={[0.05, 1.9, 0.05]}
          p={[Math.cos(a) * 0.17, 1.1, Math.sin(a) * 0.17]}
          r={[Math.sin(a) * 0.12, 0, -Math.cos(a) * 0.12]}
          m={metal}
        />
      ))}
      {[0.55, 0.95, 1.35, 1.7].map((y) => (
        <Hex key={y} s={[0.5 - y * 0.18, 0.03, 0.5 - y * 0.18]} p={[0, y, 0]} m={metal} />
      ))}
      {/* Dish on top, tipped toward the sky and the zone centre. */}
      <group position={[0, 2.15, 0.05]} rotation={[0.7, 0, 0]}>
        <Ball s={[0.95, 0.3, 0.95]} p={[0, 0, 0]} m={mat.body('#cbd5e1')} />
        <Cyl s={[0.03, 0.4, 0.03]} p={[0, 0.22, 0]} m={metal} />
        <Ball s={[0.08, 0.08, 0.08]} p={[0, 0.42, 0]} m={mat.glow(tint)} />
      </group>
      <Ball s={[0.12, 0.12, 0.12]} p={[0, 1.95, -0.12]} m={mat.glow('#ef4444')} />
    </group>
  )
}

function Portal({ tint }: { tint: string }) {
  const dark = mat.body(MODEL_COLORS.body)
  return (
    <group position={[0, BASE, 0]}>
      <Cyl s={[1.3, 0.14, 0.9]} p={[0, 0.07, 0]} m={dark} />
      <Cyl s={[1.0, 0.12, 0.6]} p={[0, 0.2, 0]} m={mat.body(MODEL_COLORS.trim)} />
      <Ring s={[1.3, 1.3, 1.3]} p={[0, 0.98, 0]} m={mat.body('#3b2a66')} />
      <Rim s={[1.16, 1.16, 1.5]} p={[0, 0.98, 0.02]} m={mat.glow('#a78bfa')} />
      <Disc s={[1.1, 1.1, 1]} p={[0, 0.98, 0]} m={mat.additive('#8b5cf6', 0.5)} />
      <Disc s={[0.6, 0.6, 1]} p={[0, 0.98, 0.01]} m={mat.additive(tint, 0.35)} />
      {[-1, 1].map((side) => (
        <Box key={side} s={[0.14, 0.5, 0.2]} p={[side * 0.6, 0.45, 0]} m={dark} />
      ))}
    </group>
  )
}

/**
 * A planning table: a slanted board on a stand, its notes facing up, so they read from any side
 * and from above.
 */
function Taskboard({ tint }: { tint: string }) {
  const wood = mat.body(MODEL_COLORS.wood)
  const dark = mat.body(MODEL_COLORS.body)
  return (
    <group position={[0, BASE, 0]}>
      <Box s={[0.16, 0.7, 0.16]} p={[0, 0.35, -0.1]} m={dark} />
      <Box s={[0.9, 0.06, 0.5]} p={[0, 0.03, -0.1]} m={dark} />
      <group position={[0, 0.82, 0]} rotation={[-1.0, 0, 0]}>
        <Box s={[1.36, 0.98, 0.07]} p={[0, 0, 0]} m={mat.body(MODEL_COLORS.woodDark)} />
        <Box s={[1.24, 0.86, 0.02]} p={[0, 0, 0.04]} m={mat.body(MODEL_COLORS.cork)} />
        {NOTE_COLORS.map((c, i) => (
          <Box
            key={c}
            s={[0.3, 0.27, 0.012]}
            p={[-0.4 + (i % 3) * 0.4, 0.2 - Math.floor(i / 3) * 0.38, 0.056]}
            r={[0, 0, ((i * 5) % 3) * 0.08 - 0.08]}
            m={mat.body(c)}
          />
        ))}
        <Box s={[1.1, 0.04, 0.014]} p={[0, 0.45, 0.05]} m={mat.glow(tint)} />
        <Box s={[1.36, 0.05, 0.09]} p={[0, -0.5, 0.04]} m={wood} />
      </group>
    </group>
  )
}

/**
 * The centre: a low hexagonal dais the robot stands on between tools (and works on for questions,
 * MCP and unknown tools), trimmed in the session's colour.
 */
export function CenterDais({ sessionColor }: { sessionColor: string }) {
  return (
    <group>
      <Hex s={[2.1, 0.2, 2.1]} p={[0, 0.1, 0]} m={mat.body(MODEL_COLORS.bodyDark)} />
      <Hex s={[1.7, 0.03, 1.7]} p={[0, 0.215, 0]} m={mat.body(MODEL_COLORS.trim)} />
      <Hairline
        s={[1.9, 1.9, 1.9]}
        p={[0, 0.205, 0]}
        r={[Math.PI / 2, 0, 0]}
        m={mat.glow(sessionColor, 0.7)}
      />
    </group>
  )
}

export const STATION_MODELS: Record<
  Exclude<StationId, 'center'>,
  (props: { tint: string }) => ReactElement
> = {
  bookshelf: Bookshelf,
  desk: Desk,
  workbench: Workbench,
  terminal: Terminal,
  scanner: Scanner,
  antenna: Antenna,
  portal: Portal,
  taskboard: Taskboard,
}
