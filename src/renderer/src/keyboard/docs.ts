/** The shortcuts documentation, generated from the registry (docs/keyboard-shortcuts.md). */
import { ACTIONS, type ActionDef } from './actions'
import { resolveBindings, shadowedInDrawMode } from './bindings'
import { formatCombo } from './combo'

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

const SCOPE_NOTE: Record<ActionDef['scope'], string> = {
  global:
    'Bare keys work when no text field has focus; keys with Ctrl, Alt or Meta work everywhere.',
  draw: 'Only while draw mode is on; these take precedence over the same keys elsewhere.',
  dialog: 'While a dialog is open.',
  permission: 'While the permission dialog is open.',
  main: 'In the main window, also over the permission dialog and in draw mode (not in other dialogs). Hold the key while you speak; releasing it ends the capture.',
}

export function shortcutsMarkdown(): string {
  const bindings = resolveBindings({})
  const shadowed = shadowedInDrawMode(bindings)
  const lines = [
    '# Keyboard shortcuts',
    '',
    '<!-- Generated from src/renderer/src/keyboard/actions.ts by test/web/keyboard/docs.test.ts; do not edit. -->',
    '',
    'Every shortcut can be changed in Settings → Keyboard. Press `?` in the app for this list.',
    '',
  ]
  for (const group of GROUP_ORDER) {
    const actions = ACTIONS.filter((a) => a.group === group)
    if (!actions.length) continue
    lines.push(
      `## ${group}`,
      '',
      `${SCOPE_NOTE[actions[0].scope]}`,
      '',
      '| Keys | Action |',
      '|---|---|',
    )
    for (const a of actions) {
      const keys = bindings[a.id].map((c) => `\`${formatCombo(c, false)}\``).join(', ')
      const note = shadowed.has(a.id) ? ' (draw mode takes these keys while on)' : ''
      lines.push(`| ${keys.replace(/\|/g, '\\|')} | ${a.label}${note} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
