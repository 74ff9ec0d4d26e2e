/** A status's floor treatment (status-style.ts) in a theme, as the floor material's inputs. */
import type { ThemeName } from '../../theme/session-palette'
import type { ScenePalette } from '../scene-theme'
import { STATUS_STYLES, STATUS_TONES, type VisualStatus } from '../status-style'
import type { FloorLook } from './floor-material'

export function floorLook(
  status: VisualStatus,
  theme: ThemeName,
  sessionColor: string,
  palette: ScenePalette,
): FloorLook {
  const s = STATUS_STYLES[status]
  const grey = STATUS_TONES.grey[theme]
  const identity = s.border.tone === 'grey' ? grey : sessionColor
  return {
    base: palette.zoneFloor,
    identity,
    tint: Math.min(1, s.floor.tint * palette.tintScale),
    border: identity,
    borderStrength: s.border.strength,
    borderStyle: s.border.style,
    glow: s.border.glow,
    band: s.band ? STATUS_TONES[s.band.tone][theme] : null,
    bandStyle: s.band?.style ?? 'solid',
    pattern: s.floor.pattern,
    patternColor: s.floor.patternTone ? STATUS_TONES[s.floor.patternTone][theme] : null,
    patternStrength: palette.patternStrength,
    lift: palette.floorLift,
  }
}
