/**
 * The git label painted on a zone's floor: `branch +a/-r`, or `branch ✓` when the tree is clean.
 * Thresholds and colour meanings follow the original (docs/original.md#zones): red over 500
 * changed lines, amber over 100, green otherwise, grey when clean. The colours are the original's
 * status palette (success / warning / error / muted, docs/original.md#notification-pills).
 */
import type { GitStatus } from './git'
import { STATUS_PALETTE } from './status-palette'

export const GIT_LABEL_COLORS = {
  clean: STATUS_PALETTE.muted,
  small: STATUS_PALETTE.success,
  medium: STATUS_PALETTE.warning,
  large: STATUS_PALETTE.error,
} as const

/** More changed lines than this turns the label amber. */
export const GIT_LABEL_AMBER_OVER_LINES = 100
/** More changed lines than this turns the label red. */
export const GIT_LABEL_RED_OVER_LINES = 500

const SHORT_HASH_LENGTH = 7

export interface GitLabel {
  text: string
  color: string
  /** Which of GIT_LABEL_COLORS it is (a label may pick its own shade for the same meaning). */
  size: keyof typeof GIT_LABEL_COLORS
  /** The parts of `text`, for labels that lay them out themselves. */
  branch: string
  added: number
  removed: number
  clean: boolean
}

/** Name shown for HEAD: the branch, or the short commit when detached. */
export function headName(status: GitStatus): string {
  if (status.branch) return status.branch
  if (status.head) return status.head.slice(0, SHORT_HASH_LENGTH)
  return 'HEAD'
}

/** The floor label for a session's folder; `null` when it is not a repository (no label). */
export function gitLabel(status: GitStatus | undefined): GitLabel | null {
  if (!status || !status.isRepo) return null
  const name = headName(status)
  const changedFiles = status.files.length + (status.truncated ?? 0)
  if (changedFiles === 0)
    return {
      text: `${name} \u2713`,
      color: GIT_LABEL_COLORS.clean,
      size: 'clean',
      branch: name,
      added: 0,
      removed: 0,
      clean: true,
    }
  const changedLines = status.linesAdded + status.linesRemoved
  const size =
    changedLines > GIT_LABEL_RED_OVER_LINES
      ? 'large'
      : changedLines > GIT_LABEL_AMBER_OVER_LINES
        ? 'medium'
        : 'small'
  return {
    text: `${name} +${status.linesAdded}/-${status.linesRemoved}`,
    color: GIT_LABEL_COLORS[size],
    size,
    branch: name,
    added: status.linesAdded,
    removed: status.linesRemoved,
    clean: false,
  }
}
