/**
 * docs/keyboard-shortcuts.md as the keybinding registry defines it; the keybindings test checks
 * that the committed file matches (write this function's output there after changing a default).
 */
import { ACTIONS, GROUP_ORDER, type ActionDef } from '../../../src/renderer/src/keyboard/actions'
import { resolveBindings, shadowedInDrawMode } from '../../../src/renderer/src/keyboard/bindings'
import { formatCombo } from '../../../src/renderer/src/keyboard/combo'

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
    '<!-- Generated from src/renderer/src/keyboard/actions.ts (test/web/support/shortcuts-doc.ts, checked by test/web/keyboard/keybindings.test.ts); do not edit. -->',
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
