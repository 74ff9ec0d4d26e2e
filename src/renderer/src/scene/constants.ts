/**
 * Numbers and colours of the workshop, taken from the original (docs/original.md,
 * Appendix A). Units: world units (one zone hex has a radius of 10), seconds, radians.
 */

export const HEX_RADIUS_UNITS = 10
export const DEFAULT_GRID_RINGS = 20

export const BACKGROUND_COLOR = '#080c14'
export const GRID_LINE_COLOR = '#4ac8e8'
export const GRID_LINE_OPACITY = 0.35
export const HOVER_OUTLINE_COLOR = '#8eeeff'
export const HOVER_OUTLINE_OPACITY = 0.7

/** Zone colours cycle through these in creation order. */
export const ZONE_COLORS = [
  '#4ac8e8',
  '#60a5fa',
  '#22d3d8',
  '#4ade80',
  '#a78bfa',
  '#fbbf24',
  '#f472b6',
  '#a3e635',
]
/** Mini-robot colours cycle through these per zone: blue, emerald, pink, purple, amber, cyan. */
export const SUBAGENT_COLORS = ['#60a5fa', '#34d399', '#f472b6', '#a78bfa', '#fbbf24', '#22d3ee']

export const ZONE_FLOOR_COLOR = '#1a2535'
export const ZONE_RING_INNER_UNITS = 9.5
export const NAME_LABEL_HEIGHT_UNITS = 4
export const GIT_LABEL_POSITION: [number, number, number] = [0, 0.15, 2.5]

export const ZONE_ENTER_S = 0.5
export const ZONE_EXIT_S = 0.4
/** Fractions of the enter animation at which the stations and the label appear. */
export const STATIONS_APPEAR_AT = 0.5
export const LABEL_APPEARS_AT = 0.7
/** Ring scale added by an activity pulse, and how fast it decays per second. */
export const ACTIVITY_PULSE_SCALE = 0.05
export const ACTIVITY_PULSE_DECAY_PER_S = 0.5

/**
 * Level of detail: beyond these camera distances a zone's stations, then its robots, are not
 * drawn (a station is a few pixels there, and each costs several draw calls on every frame).
 */
export const STATION_DETAIL_DISTANCE_UNITS = 90
export const ROBOT_DETAIL_DISTANCE_UNITS = 140

export const PENDING_ZONE_TIMEOUT_MS = 10_000

export const CLICK_RING_S = 0.5
export const RIPPLE_MAX_RINGS = 7
export const RIPPLE_RING_DELAY_S = 0.045
export const RIPPLE_STRENGTH_FALLOFF = 0.6

export const AMBIENT_PARTICLE_COUNT = 60

/** Camera (docs/original.md#scene). */
export const CAMERA_FOV_DEG = 50
export const CAMERA_START: [number, number, number] = [8, 6, 8]
export const CAMERA_FOCUS_OFFSET: [number, number, number] = [8, 6, 8]
export const CAMERA_LERP_RATE_PER_S = 8
export const CAMERA_SNAP_DISTANCE_UNITS = 0.01
export const ORBIT_DAMPING = 0.05
export const ORBIT_MIN_DISTANCE_UNITS = 5
export const ORBIT_MAX_DISTANCE_UNITS = 150
export const ORBIT_MAX_POLAR_RAD = Math.PI / 2.1
export const OVERVIEW_MARGIN_UNITS = 10
export const OVERVIEW_MIN_EXTENT_UNITS = 30
/**
 * The original's overview cropped the outer zones (its margin reaches only the hex edge); the
 * camera backs off this much further along the same direction.
 */
export const OVERVIEW_DISTANCE_FACTOR = 1.4

/** Zone status colours: floor emissive / intensity and ring opacity (docs/original.md#zone-status). */
export const STATUS_STYLE = {
  idle: { emissive: null, intensity: 0.02, ringOpacity: 0.4 },
  working: { emissive: '#22d3ee', intensity: 0.08, ringOpacity: 0.5 },
  waiting: { emissive: '#fbbf24', intensity: 0.06, ringOpacity: 0.6 },
  attention: { emissive: '#f87171', intensity: 0.1, ringOpacity: 0.7 },
  offline: { emissive: '#404050', intensity: 0.01, ringOpacity: 0.2 },
} as const

/**
 * The original's emissive intensities were authored for output without sRGB encoding; with it,
 * the same numbers wash the floor out, so they are scaled to give the original's look.
 */
export const FLOOR_EMISSIVE_SCALE = 0.35

/** Attention ring pulse: subtle when a turn finished, strong for questions and errors. */
export const ATTENTION_PULSE = {
  finished: { radPerS: 2, scale: 0.02 },
  question: { radPerS: 4, scale: 0.08 },
  error: { radPerS: 4, scale: 0.08 },
} as const
/**
 * The original pulsed forever; here a pulse runs this long and then holds the brighter ring, so an
 * idle workshop stops rendering (the status colour keeps showing that the zone needs a look).
 */
export const ATTENTION_PULSE_S = 8

/** Robot (docs/original.md#robot). */
export const ROBOT_STATE_COLORS = {
  idle: '#4ade80',
  walking: '#60a5fa',
  working: '#fbbf24',
  thinking: '#a78bfa',
} as const
export const WALK_SPEED_UNITS_PER_S = 3
export const SUBAGENT_SCALE = 0.6
/** Where the robot stands: this far from the station toward the zone centre. */
export const STAND_OFFSET_UNITS = 1.2
export const ROBOT_FLOOR_Y = 0.3
export const STATUS_RING_RAD_PER_S = 0.3
export const BLINK_INTERVAL_S = 7.9
export const BLINK_S = 0.2
export const IDLE_COOLDOWN_MIN_S = 2
export const IDLE_COOLDOWN_MAX_S = 6
/**
 * The original played idle behaviours forever. They play for this long after the robot goes
 * idle; then it rests, so the frame loop can stop.
 */
export const IDLE_LIVELY_S = 25
export const REACTION_DELAY_S = 0.3
export const TURN_RATE_PER_S = 10

/** Stations (docs/original.md#stations). */
export const STATION_BOB_UNITS = 0.03
export const STATION_PULSE_IN_S = 0.3
export const STATION_PULSE_HOLD_S = 0.5
export const STATION_PULSE_OUT_S = 0.5
export const STATION_PULSE_OPACITY = 0.5
export const STATION_RING_OPACITY = 0.3
export const CONTEXT_SPRITE_HEIGHT_UNITS = 2.5
export const PANEL_HEIGHT_UNITS = 3.5
export const PANEL_OFFSET_FACTOR = 0.7
export const PANEL_HISTORY = 3

/** Notification pills (docs/original.md#notification-pills). */
export const PILL_START_HEIGHT_UNITS = 2.5
export const PILL_MAX_STACKED = 5
export const PILL_SPACING_UNITS = 0.6
export const PILL_FLOAT_UNITS = 1.5
export const PILL_LIFETIME_S = 3
export const PILL_FADE_FROM = 0.6

export const STYLE_COLORS = {
  success: '#4ade80',
  info: '#60a5fa',
  warning: '#fbbf24',
  error: '#f87171',
  muted: '#9ca3af',
} as const
export type PillStyle = keyof typeof STYLE_COLORS

/** Draw mode (docs/original.md#draw-mode-labels-and-the-floor-menu). */
export const PAINT_PALETTE = ['#22d3ee', '#38bdf8', '#60a5fa', '#818cf8', '#a78bfa', '#2dd4bf']
export const PAINT_HEX_SCALE = 0.95
export const PAINT_LAYER_UNITS = 0.5
export const PAINT_EMISSIVE = 0.25
export const BRUSH_MIN = 1
export const BRUSH_MAX = 4
export const ZONE_RAISE_S = 0.15

export const TEXT_TILE_DEFAULT_COLOR = '#4ac8e8'
export const TEXT_TILE_BASE_HEIGHT_UNITS = 0.5
