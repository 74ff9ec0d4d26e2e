/**
 * Numbers and colours of the workshop, taken from the original (docs/original.md). Units: world
 * units (one zone hex has a radius of 10), seconds, radians.
 */
import { STATUS_PALETTE, type PaletteTone } from '@shared/status-palette'

export const HEX_RADIUS_UNITS = 10
export const DEFAULT_GRID_RINGS = 20

export const HOVER_OUTLINE_COLOR = '#8eeeff'
export const HOVER_OUTLINE_OPACITY = 0.7

/** Mini-robot colours cycle through these per zone: blue, emerald, pink, purple, amber, cyan. */
export const SUBAGENT_COLORS = ['#60a5fa', '#34d399', '#f472b6', '#a78bfa', '#fbbf24', '#22d3ee']

/** The zone label's anchor: at the back of the zone, inside the hex (pointy-top: z = −10). */
export const ZONE_LABEL_ANCHOR: [number, number, number] = [0, 0.2, -7.8]
/**
 * A zone smaller than this on screen (projected radius, px: an overview of more than a few
 * zones) gets the compact label — `N name` and the status icon, the word only for a status that
 * asks for a look, no git line — and no busy-station tag: full labels there are as wide as the
 * zone and get pushed onto the zones behind.
 */
export const COMPACT_LABEL_ZONE_PX = 170

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

/** Camera. Where it looks is computed (camera-views.ts); these are the lens and the controls. */
export const CAMERA_FOV_DEG = 50
export const CAMERA_START: [number, number, number] = [0, 60, 45]
export const ORBIT_DAMPING = 0.05
export const ORBIT_MIN_DISTANCE_UNITS = 5
export const ORBIT_MAX_DISTANCE_UNITS = 150
export const ORBIT_MAX_POLAR_RAD = Math.PI / 2.1

/** Status band pulse when a zone starts asking for a look: cycles per second and depth (0..1). */
export const ATTENTION_PULSE = {
  strong: { hz: 1, depth: 0.7, hold: 0.3 },
  subtle: { hz: 0.5, depth: 0.3, hold: 0.12 },
} as const
/**
 * The original pulsed forever; here a pulse runs this long and then holds the brighter band, so an
 * idle workshop stops rendering (the band and the label chip keep showing the status).
 */
export const ATTENTION_PULSE_S = 5

/** Robot (docs/original.md#robot): the status palette's colours, and purple for thinking. */
export const ROBOT_STATE_COLORS = {
  idle: STATUS_PALETTE.success,
  walking: STATUS_PALETTE.info,
  working: STATUS_PALETTE.warning,
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
 * The original played idle behaviours forever. Here an idle robot plays them while any robot in
 * the workshop is busy (frames are drawn anyway) and for this long after the last one stopped;
 * then every robot rests and the frame loop stops: an idle workshop draws nothing.
 */
export const IDLE_LIVELY_S = 3
export const REACTION_DELAY_S = 0.3
export const TURN_RATE_PER_S = 10

/** Stations (docs/original.md#stations). Models are built at 1:1 and drawn this much larger. */
export const STATION_MODEL_SCALE = 1.2
export const STATION_BOB_UNITS = 0.03
export const STATION_PULSE_IN_S = 0.3
export const STATION_PULSE_HOLD_S = 0.5
export const STATION_PULSE_OUT_S = 0.5
export const STATION_PULSE_OPACITY = 0.5
/** The glow ring under a station is faint at rest (it is for the pulse, not decoration). */
export const STATION_RING_OPACITY = 0.08
export const CONTEXT_SPRITE_HEIGHT_UNITS = 2.5
export const PANEL_HEIGHT_UNITS = 3.5
export const PANEL_OFFSET_FACTOR = 0.7
export const PANEL_HISTORY = 3
/** Open tool calls remembered per zone (a call whose end never came is dropped past this). */
export const MAX_OPEN_CALLS = 64

/** Notification pills (docs/original.md#notification-pills). */
export const PILL_START_HEIGHT_UNITS = 2.5
export const PILL_MAX_STACKED = 5
export const PILL_SPACING_UNITS = 0.6
export const PILL_FLOAT_UNITS = 1.5
export const PILL_LIFETIME_S = 3
export const PILL_FADE_FROM = 0.6

/** A pill's colour: a tone of the status palette. */
export type PillStyle = PaletteTone

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
