/** Branch names on the zone label: long ones keep their start and end around an ellipsis. */

export const BRANCH_LABEL_MAX_CHARS = 24

export function shortBranch(name: string, max = BRANCH_LABEL_MAX_CHARS): string {
  if (name.length <= max) return name
  const keep = max - 1
  const head = Math.ceil(keep * 0.6)
  return `${name.slice(0, head)}\u2026${name.slice(name.length - (keep - head))}`
}
