/**
 * Effective key bindings: the registry defaults with the user's overrides from
 * `settings.keybindings` ({actionId: "Alt+1 1"}, combos separated by spaces, "" = unbound),
 * plus conflict detection so no key ever does two things in the same place.
 */
import { ACTIONS, type ActionDef, type KeyScope } from './actions'
import { normalizeCombo } from './combo'

export type Bindings = Record<string, string[]>

/** Stored text ↔ combo list. Space separates combos; the Space key itself is spelled "Space". */
export function parseBindingText(text: string): string[] | null {
  const out: string[] = []
  for (const part of text.split(/\s+/).filter(Boolean)) {
    const combo = normalizeCombo(part)
    if (!combo) return null
    if (!out.includes(combo)) out.push(combo)
  }
  return out
}

export function bindingText(combos: string[]): string {
  return combos.join(' ')
}

export function resolveBindings(
  overrides: Record<string, string> | undefined,
  actions: ActionDef[] = ACTIONS,
): Bindings {
  const result: Bindings = {}
  for (const a of actions) {
    const override = overrides?.[a.id]
    const parsed = override === undefined ? null : parseBindingText(override)
    result[a.id] = parsed ?? a.defaults.map((d) => normalizeCombo(d) ?? d)
  }
  return result
}

export interface Conflict {
  combo: string
  scope: KeyScope
  actionIds: string[]
}

/** Scopes a `main` key is live in besides its own: it must not collide with any of theirs. */
const MAIN_OVERLAPS: KeyScope[] = ['global', 'draw', 'permission']

/**
 * Two actions conflict when one combo triggers both in the same scope. Scopes never overlap except
 * draw over global, where draw mode wins by design (the sheet says which keys it shadows), and
 * `main`, which is live beside global, draw and permission and so is checked against each.
 */
export function findConflicts(bindings: Bindings, actions: ActionDef[] = ACTIONS): Conflict[] {
  const byKey = new Map<string, string[]>()
  for (const a of actions) {
    const scopes = a.scope === 'main' ? MAIN_OVERLAPS : [a.scope]
    for (const combo of bindings[a.id] ?? []) {
      for (const scope of scopes) {
        const key = `${scope}\u0000${combo}`
        const list = byKey.get(key) ?? []
        list.push(a.id)
        byKey.set(key, list)
      }
    }
  }
  const conflicts: Conflict[] = []
  for (const [key, ids] of byKey) {
    if (ids.length < 2) continue
    const [scope, combo] = key.split('\u0000') as [KeyScope, string]
    conflicts.push({ combo, scope, actionIds: ids })
  }
  return conflicts
}

/** Global actions whose keys draw mode takes over while it is on. */
export function shadowedInDrawMode(
  bindings: Bindings,
  actions: ActionDef[] = ACTIONS,
): Map<string, string[]> {
  const drawCombos = new Set(
    actions.filter((a) => a.scope === 'draw').flatMap((a) => bindings[a.id] ?? []),
  )
  const shadowed = new Map<string, string[]>()
  for (const a of actions) {
    if (a.scope !== 'global') continue
    const hit = (bindings[a.id] ?? []).filter((c) => drawCombos.has(c))
    if (hit.length) shadowed.set(a.id, hit)
  }
  return shadowed
}

/** Finds the action a combo triggers in one scope. */
export function actionFor(
  bindings: Bindings,
  scope: KeyScope,
  combo: string,
  actions: ActionDef[] = ACTIONS,
): ActionDef | undefined {
  return actions.find((a) => a.scope === scope && (bindings[a.id] ?? []).includes(combo))
}
