/**
 * The one list of keyboard actions. Bindings, the shortcuts sheet, the settings editor, conflict
 * detection and the generated docs all read this table, so documented keys cannot drift from code.
 */

/**
 * Where an action listens:
 * - `global`: the main window with no dialog open (bare keys only outside text fields);
 * - `draw`: while draw mode is on — these shadow global keys on purpose;
 * - `dialog`: while an ordinary dialog is on top;
 * - `permission`: while the permission dialog is on top;
 * - `main`: the main window whatever is on it — over the permission dialog and in draw mode too,
 *   but not while another dialog is open (push-to-talk, so a request can be answered by voice).
 */
export type KeyScope = 'global' | 'draw' | 'dialog' | 'permission' | 'main'

export interface ActionDef {
  id: string
  label: string
  group: 'Sessions' | 'Feed' | 'View' | 'Dialogs' | 'Scene' | 'Draw mode' | 'Permission' | 'Voice'
  scope: KeyScope
  /** Default combos, normal form (see combo.ts). */
  defaults: string[]
  /** Also fires while focus is inside the terminal (which otherwise owns every key). */
  inTerminal?: boolean
}

/** How many sessions have a number hotkey (1–9; 0 is "all sessions"). */
export const SESSION_HOTKEYS = 9

const sessionSelect: ActionDef[] = Array.from({ length: SESSION_HOTKEYS }, (_, i) => ({
  id: `session.select.${i + 1}`,
  label: `Select session ${i + 1}`,
  group: 'Sessions',
  scope: 'global',
  defaults: [`${i + 1}`, `Alt+${i + 1}`],
}))

/** Draw-mode palette slots, as in the original (six colours on 1–6, eraser on 0). */
export const DRAW_COLOR_SLOTS = 6

const drawColors: ActionDef[] = Array.from({ length: DRAW_COLOR_SLOTS }, (_, i) => ({
  id: `draw.color.${i + 1}`,
  label: `Paint colour ${i + 1}`,
  group: 'Draw mode',
  scope: 'draw',
  defaults: [`${i + 1}`],
}))

export const ACTIONS: ActionDef[] = [
  ...sessionSelect,
  {
    id: 'session.all',
    label: 'All sessions (overview)',
    group: 'Sessions',
    scope: 'global',
    defaults: ['0', 'Alt+0', '`'],
  },
  {
    id: 'session.next',
    label: 'Next session',
    group: 'Sessions',
    scope: 'global',
    defaults: [']'],
  },
  {
    id: 'session.prev',
    label: 'Previous session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['['],
  },
  {
    id: 'session.nextAttention',
    label: 'Next in the attention queue (requests, failures, finished turns)',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+A'],
  },
  {
    id: 'session.new',
    label: 'New session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['N', 'Alt+N'],
  },
  {
    id: 'session.interrupt',
    label: 'Interrupt the selected session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+X'],
  },
  {
    id: 'session.rename',
    label: 'Rename the selected session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['F2'],
  },
  {
    id: 'session.restart',
    label: 'Restart the selected session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+R'],
  },
  {
    id: 'session.delete',
    label: 'Delete the selected session',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Delete'],
  },
  {
    id: 'session.openFolder',
    label: 'Show the selected session folder in the file manager',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+O'],
  },
  {
    id: 'session.menu',
    label: 'Session menu',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Shift+F10', 'ContextMenu'],
  },
  {
    id: 'session.moveUp',
    label: 'Move the selected session up',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+ArrowUp'],
  },
  {
    id: 'session.moveDown',
    label: 'Move the selected session down',
    group: 'Sessions',
    scope: 'global',
    defaults: ['Alt+ArrowDown'],
  },
  {
    id: 'prompt.focus',
    label: 'Focus the prompt',
    group: 'Feed',
    scope: 'global',
    defaults: ['/'],
  },
  {
    id: 'feed.search',
    label: 'Search events',
    group: 'Feed',
    scope: 'global',
    defaults: ['Ctrl+F', 'Meta+F'],
  },
  {
    id: 'feed.latest',
    label: 'Jump to latest',
    group: 'Feed',
    scope: 'global',
    defaults: ['End', 'Alt+End'],
  },
  {
    id: 'feed.expandLatest',
    label: 'Expand the latest long item',
    group: 'Feed',
    scope: 'global',
    defaults: ['Alt+E'],
  },
  {
    id: 'feed.filter',
    label: 'Feed: selected session only / all',
    group: 'Feed',
    scope: 'global',
    defaults: ['Alt+F'],
  },
  {
    id: 'view.terminal',
    label: 'Show or hide the terminal',
    group: 'View',
    scope: 'global',
    defaults: ['Ctrl+`'],
    inTerminal: true,
  },
  {
    id: 'view.compact',
    label: 'Compact mode (hide the scene)',
    group: 'View',
    scope: 'global',
    defaults: ['Alt+C'],
  },
  {
    id: 'view.theme',
    label: 'Cycle theme (system, light, dark)',
    group: 'View',
    scope: 'global',
    defaults: ['Alt+T'],
  },
  {
    id: 'dialog.settings',
    label: 'Settings',
    group: 'Dialogs',
    scope: 'global',
    defaults: ['Ctrl+,', 'Meta+,'],
  },
  {
    id: 'dialog.about',
    label: 'About Atelier',
    group: 'Dialogs',
    scope: 'global',
    defaults: ['F1'],
  },
  {
    id: 'dialog.shortcuts',
    label: 'Keyboard shortcuts',
    group: 'Dialogs',
    scope: 'global',
    defaults: ['?'],
  },
  {
    id: 'dialog.usage',
    label: 'Usage and quota',
    group: 'Dialogs',
    scope: 'global',
    defaults: ['Alt+U'],
  },
  {
    id: 'dialog.zoneInfo',
    label: 'Zone info for the selected session',
    group: 'Dialogs',
    scope: 'global',
    defaults: ['I'],
  },
  {
    id: 'scene.follow',
    label: 'Follow the active session',
    group: 'Scene',
    scope: 'global',
    defaults: ['F'],
  },
  {
    id: 'scene.panels',
    label: 'Station panels on or off',
    group: 'Scene',
    scope: 'global',
    defaults: ['P'],
  },
  {
    id: 'draw.toggle',
    label: 'Draw mode on or off',
    group: 'Scene',
    scope: 'global',
    defaults: ['D'],
  },
  {
    id: 'dialog.close',
    label: 'Close the top dialog',
    group: 'Dialogs',
    scope: 'dialog',
    defaults: ['Escape'],
  },
  ...drawColors,
  { id: 'draw.eraser', label: 'Eraser', group: 'Draw mode', scope: 'draw', defaults: ['0'] },
  {
    id: 'draw.brushSmaller',
    label: 'Smaller brush',
    group: 'Draw mode',
    scope: 'draw',
    defaults: ['Q'],
  },
  {
    id: 'draw.brushLarger',
    label: 'Larger brush',
    group: 'Draw mode',
    scope: 'draw',
    defaults: ['E'],
  },
  {
    id: 'draw.stacking',
    label: '3D stacking on or off',
    group: 'Draw mode',
    scope: 'draw',
    defaults: ['R'],
  },
  {
    id: 'draw.clear',
    label: 'Clear all paint',
    group: 'Draw mode',
    scope: 'draw',
    defaults: ['X', 'Backspace'],
  },
  {
    id: 'draw.exit',
    label: 'Leave draw mode',
    group: 'Draw mode',
    scope: 'draw',
    defaults: ['D', 'Escape'],
  },
  {
    id: 'permission.allow',
    label: 'Allow once',
    group: 'Permission',
    scope: 'permission',
    defaults: ['Y'],
  },
  {
    id: 'permission.always',
    label: 'Always allow',
    group: 'Permission',
    scope: 'permission',
    defaults: ['A'],
  },
  {
    id: 'permission.deny',
    label: 'Deny',
    group: 'Permission',
    scope: 'permission',
    defaults: ['N'],
  },
  {
    id: 'permission.later',
    label: 'Hide until the next request',
    group: 'Permission',
    scope: 'permission',
    defaults: ['Escape'],
  },
  {
    id: 'permission.next',
    label: 'Next request in the queue',
    group: 'Permission',
    scope: 'permission',
    defaults: [']'],
  },
  {
    id: 'permission.prev',
    label: 'Previous request in the queue',
    group: 'Permission',
    scope: 'permission',
    defaults: ['['],
  },
  {
    // Held while speaking (the original's voice key was Ctrl+M too, as a toggle).
    id: 'voice.talk',
    label: 'Push to talk (hold while speaking; Esc cancels)',
    group: 'Voice',
    scope: 'main',
    defaults: ['Ctrl+M'],
  },
]

export const ACTION_BY_ID = new Map(ACTIONS.map((a) => [a.id, a]))

/** The order groups are listed in (the shortcuts sheet, the documentation). */
export const GROUP_ORDER: ActionDef['group'][] = [
  'Sessions',
  'Feed',
  'View',
  'Dialogs',
  'Scene',
  'Draw mode',
  'Permission',
  'Voice',
]
