/** Git status of a session's folder, as delivered by the watcher-driven git service. */
import { z } from 'zod'

export const GitFileSchema = z.object({
  path: z.string(),
  /** Original path for renames/copies. */
  from: z.string().optional(),
  area: z.enum(['staged', 'unstaged', 'untracked', 'conflicted']),
  /** One-letter porcelain code: A M D R C T U ?. */
  code: z.string(),
  added: z.number(),
  removed: z.number(),
  binary: z.boolean().optional(),
})
export type GitFile = z.infer<typeof GitFileSchema>

export const GitStatusSchema = z.object({
  isRepo: z.boolean(),
  root: z.string().optional(),
  /** Set when the folder is a linked worktree. */
  worktreeOf: z.string().optional(),
  branch: z.string().nullable(),
  detached: z.boolean(),
  head: z.string().optional(),
  upstream: z.string().optional(),
  ahead: z.number(),
  behind: z.number(),
  files: z.array(GitFileSchema),
  linesAdded: z.number(),
  linesRemoved: z.number(),
  lastCommit: z.object({ hash: z.string(), subject: z.string(), time: z.number() }).nullable(),
  operation: z.enum(['merge', 'rebase', 'cherry-pick', 'revert', 'bisect']).nullable(),
  /** Files omitted from `files` because the list was capped. */
  truncated: z.number().optional(),
  error: z.string().optional(),
  updatedAt: z.number(),
})
export type GitStatus = z.infer<typeof GitStatusSchema>
