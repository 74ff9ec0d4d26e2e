/** The update logic's vocabulary, shared by the feed checker, the scheduler and the shell adapter. */

/** stable: releases only. beta: releases and prereleases, whichever is newest. */
export type UpdateChannel = 'stable' | 'beta'

export type UpdateCheckResult =
  | { kind: 'available'; version: string; releaseNotes: string | null; releaseDate: string | null }
  | { kind: 'none' }
  | { kind: 'error'; message: string }

/** Anything that can answer "is there a newer version on this channel?". Must never throw. */
export interface UpdateSource {
  check(channel: UpdateChannel): Promise<UpdateCheckResult>
}
