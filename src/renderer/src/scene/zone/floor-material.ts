/**
 * A zone's whole floor treatment in one lit material: the floor tinted with the session colour,
 * the thick border, the status band inside it, the floor pattern and the soft glow — all drawn
 * by the fragment shader from the position on the hex, so a zone's floor is one draw call
 * whatever its status. Every zone has its own material (its own uniforms) but all share one
 * compiled program.
 */
import { CircleGeometry, Color, MeshLambertMaterial, type BufferGeometry } from 'three'
import { HEX_RADIUS_UNITS } from '../constants'
import type { FloorPattern, LineStyle } from '../status-style'

/** Widths in world units, measured inward from the hex edge. */
export const BORDER_WIDTH_UNITS = 0.55
const BAND_GAP_UNITS = 0.22
const BAND_WIDTH_UNITS = 0.26
/** How far the border's glow reaches into the floor. */
const GLOW_REACH_UNITS = 1.2
/** Patterns fill a ring this wide inside the status band, fading out toward the centre. */
const PATTERN_RING_UNITS = 1.8
/** Dashes around the perimeter (dashed border or band). */
const DASHES = 42
const PATTERN_PITCH_UNITS = 0.9

const PATTERN_CODE: Record<FloorPattern, number> = { none: 0, stripes: 1, dots: 2, crosshatch: 3 }

export interface FloorLook {
  base: string
  identity: string
  tint: number
  border: string
  borderStrength: number
  borderStyle: LineStyle
  glow: number
  band: string | null
  bandStyle: LineStyle
  pattern: FloorPattern
  patternColor: string | null
  patternStrength: number
  /** Share of the floor colour added as light (floors keep their designed colour). */
  lift: number
}

export interface FloorUniforms {
  uBase: { value: Color }
  uIdentity: { value: Color }
  uTint: { value: number }
  uBorder: { value: Color }
  uBorderStrength: { value: number }
  uBorderDashed: { value: number }
  uGlow: { value: number }
  uBand: { value: Color }
  uBandOn: { value: number }
  uBandDashed: { value: number }
  uPattern: { value: number }
  uPatternColor: { value: Color }
  uPatternStrength: { value: number }
  uLift: { value: number }
  /** 0..1 extra brightness of the band while a status asks for attention. */
  uPulse: { value: number }
}

const VERTEX_HEAD = `#include <common>
varying vec2 vFloorP;`
const VERTEX_BODY = `#include <begin_vertex>
vFloorP = position.xz;`

const FRAGMENT_HEAD = `#include <common>
varying vec2 vFloorP;
uniform vec3 uBase;
uniform vec3 uIdentity;
uniform float uTint;
uniform vec3 uBorder;
uniform float uBorderStrength;
uniform float uBorderDashed;
uniform float uGlow;
uniform vec3 uBand;
uniform float uBandOn;
uniform float uBandDashed;
uniform float uPattern;
uniform vec3 uPatternColor;
uniform float uPatternStrength;
uniform float uPulse;
uniform float uLift;
vec3 floorColor;
float floorBorderMask;
float floorBandMask;
float floorGlow;

// 1 inside [lo, hi] with a one-pixel soft edge.
float floorBetween(float x, float lo, float hi) {
  float w = fwidth(x);
  return smoothstep(lo - w, lo + w, x) * (1.0 - smoothstep(hi - w, hi + w, x));
}
// Dashes along the perimeter: on for the first 55 % of each period. The number of dashes is
// whole, so the seam of atan falls on a period boundary.
float floorDash(vec2 p) {
  float t = (atan(p.y, p.x) / 6.2831853 + 0.5) * ${DASHES.toFixed(1)};
  float w = min(fwidth(t), 0.25);
  return 1.0 - smoothstep(0.55 - w, 0.55 + w, fract(t));
}
float floorLines(float s, float halfWidth) {
  float f = abs(fract(s) - 0.5);
  float w = fwidth(s);
  return 1.0 - smoothstep(halfWidth - w, halfWidth + w, f);
}`

const FRAGMENT_COLOR = `#include <color_fragment>
{
  vec2 p = vFloorP;
  vec2 ap = abs(p);
  // Distance inward from the nearest edge of the pointy-top hex (vertices on the z axis).
  float apothem = ${(HEX_RADIUS_UNITS * Math.sqrt(3) * 0.5).toFixed(4)};
  float e = apothem - max(ap.x, dot(ap, vec2(0.5, 0.8660254)));
  float dash = floorDash(p);
  float bw = ${BORDER_WIDTH_UNITS.toFixed(3)};
  float bandLo = bw + ${BAND_GAP_UNITS.toFixed(3)};
  float bandHi = bandLo + ${BAND_WIDTH_UNITS.toFixed(3)};
  floorBorderMask = floorBetween(e, -1.0, bw) * mix(1.0, dash, uBorderDashed) * uBorderStrength;
  floorBandMask = floorBetween(e, bandLo, bandHi) * mix(1.0, dash, uBandDashed) * uBandOn;
  floorGlow = exp(-max(e - bw, 0.0) / ${(GLOW_REACH_UNITS / 2.5).toFixed(3)}) * uGlow * step(bw, e);
  vec3 col = mix(uBase, uIdentity, uTint);
  // The pattern's ring: just inside the band, fading toward the centre.
  float ring = smoothstep(bandHi + 0.1, bandHi + 0.3, e) *
    (1.0 - smoothstep(bandHi + ${(PATTERN_RING_UNITS * 0.45).toFixed(2)}, bandHi + ${PATTERN_RING_UNITS.toFixed(2)}, e));
  float pat = 0.0;
  vec2 q = p / ${PATTERN_PITCH_UNITS.toFixed(2)};
  if (uPattern > 0.5 && uPattern < 1.5) pat = floorLines(q.x * 0.7071 + q.y * 0.7071, 0.18);
  else if (uPattern > 1.5 && uPattern < 2.5) {
    vec2 c = fract(q + 0.5 * vec2(floor(q.y), 0.0)) - 0.5;
    float r = length(c);
    float w = fwidth(r);
    pat = 1.0 - smoothstep(0.14 - w, 0.14 + w, r);
  } else if (uPattern > 2.5) {
    pat = max(floorLines(q.x * 0.7071 + q.y * 0.7071, 0.09), floorLines(q.x * 0.7071 - q.y * 0.7071, 0.09));
  }
  col = mix(col, uPatternColor, pat * ring * uPatternStrength);
  floorColor = col;
  col = mix(col, uBand, floorBandMask);
  col = mix(col, uBorder, floorBorderMask);
  diffuseColor.rgb = col;
}`

const FRAGMENT_EMISSIVE = `#include <emissivemap_fragment>
totalEmissiveRadiance += floorColor * uLift * (1.0 - max(floorBorderMask, floorBandMask)) + uBorder * floorBorderMask * 0.35 + uBand * floorBandMask * (0.3 + uPulse) + uIdentity * floorGlow * 0.22;`

function makeUniforms(): FloorUniforms {
  return {
    uBase: { value: new Color() },
    uIdentity: { value: new Color() },
    uTint: { value: 0 },
    uBorder: { value: new Color() },
    uBorderStrength: { value: 1 },
    uBorderDashed: { value: 0 },
    uGlow: { value: 0 },
    uBand: { value: new Color() },
    uBandOn: { value: 0 },
    uBandDashed: { value: 0 },
    uPattern: { value: 0 },
    uPatternColor: { value: new Color() },
    uPatternStrength: { value: 0 },
    uLift: { value: 0 },
    uPulse: { value: 0 },
  }
}

/**
 * Lambert, not standard: a matte floor shows no highlight worth the physically based lighting,
 * and floors cover most of the screen, where the cheaper shading pays most in software GL.
 */
export class FloorMaterial extends MeshLambertMaterial {
  readonly floor: FloorUniforms = makeUniforms()

  constructor() {
    super()
    this.onBeforeCompile = (shader) => {
      Object.assign(shader.uniforms, this.floor)
      shader.vertexShader = shader.vertexShader
        .replace('#include <common>', VERTEX_HEAD)
        .replace('#include <begin_vertex>', VERTEX_BODY)
      shader.fragmentShader = shader.fragmentShader
        .replace('#include <common>', FRAGMENT_HEAD)
        .replace('#include <color_fragment>', FRAGMENT_COLOR)
        .replace('#include <emissivemap_fragment>', FRAGMENT_EMISSIVE)
    }
  }

  override customProgramCacheKey(): string {
    return 'zone-floor'
  }

  /** Applies a look; returns true when anything changed (a frame should be drawn). */
  apply(look: FloorLook): boolean {
    const f = this.floor
    const before = this.signature
    f.uBase.value.set(look.base)
    f.uIdentity.value.set(look.identity)
    f.uTint.value = look.tint
    f.uBorder.value.set(look.border)
    f.uBorderStrength.value = look.borderStrength
    f.uBorderDashed.value = look.borderStyle === 'dashed' ? 1 : 0
    f.uGlow.value = look.glow
    f.uBandOn.value = look.band ? 1 : 0
    if (look.band) f.uBand.value.set(look.band)
    f.uBandDashed.value = look.bandStyle === 'dashed' ? 1 : 0
    f.uPattern.value = PATTERN_CODE[look.pattern]
    if (look.patternColor) f.uPatternColor.value.set(look.patternColor)
    f.uPatternStrength.value = look.patternStrength
    f.uLift.value = look.lift
    return this.signature !== before
  }

  private get signature(): string {
    const f = this.floor
    return [
      f.uBase.value.getHex(),
      f.uIdentity.value.getHex(),
      f.uTint.value,
      f.uBorder.value.getHex(),
      f.uBorderStrength.value,
      f.uBorderDashed.value,
      f.uGlow.value,
      f.uBand.value.getHex(),
      f.uBandOn.value,
      f.uBandDashed.value,
      f.uPattern.value,
      f.uPatternColor.value.getHex(),
      f.uPatternStrength.value,
      f.uLift.value,
    ].join(',')
  }
}

let floorGeometry: BufferGeometry | null = null
/** The flat hex the floor is drawn on (vertices on the z axis, like the grid's hexes). */
export function floorGeometryShared(): BufferGeometry {
  if (!floorGeometry) {
    floorGeometry = new CircleGeometry(HEX_RADIUS_UNITS, 6, Math.PI / 2)
    floorGeometry.rotateX(-Math.PI / 2)
  }
  return floorGeometry
}
