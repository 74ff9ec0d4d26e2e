import { z } from 'zod'
import { channel, Empty, Id, Ok } from './define'
import {
  BackendSchema,
  HexCoordSchema,
  HostIdSchema,
  PermissionModeSchema,
  SessionSchema,
} from '../sessions'
import { MAX_PROMPT_CHARS } from '../fleet'
import { PromptResultSchema } from './fleet'

/** C0 and C1 control characters (escape sequences, bells, NUL): never valid in names or paths. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/

/** Names shown in the UI and passed to tmux: printable, no control characters. */
export const SessionNameSchema = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(80, 'name is longer than 80 characters')
  .refine((s) => !CONTROL_CHARS.test(s), 'name must not contain control characters')

export const AbsolutePathSchema = z
  .string()
  .min(1, 'folder is required')
  .max(4096)
  .refine((p) => p.startsWith('/'), 'folder must be an absolute path')
  .refine((p) => !CONTROL_CHARS.test(p), 'folder must not contain control characters')

export const sessionChannels = {
  'sessions.list': channel(
    'List every session',
    Empty,
    z.object({ sessions: z.array(SessionSchema) }),
  ),
  'sessions.create': channel(
    'Start a new Claude Code session',
    z
      .object({
        name: SessionNameSchema,
        /** A folder on the host when `host` is given. */
        cwd: AbsolutePathSchema,
        /** `ssh` only with a host; a host implies `ssh`. */
        backend: BackendSchema.optional(),
        /** The remote host (hosts.list) to run it on; this machine when absent. */
        host: HostIdSchema.optional(),
        permissionMode: PermissionModeSchema.optional(),
        model: z.string().trim().max(100).optional(),
        worktree: z.boolean().optional(),
        args: z.array(z.string().max(1000)).max(50).optional(),
        zone: HexCoordSchema.optional(),
        /**
         * The user agreed, in the app, to trust the folder for Claude Code: the trust is recorded
         * where Claude Code keeps it before the session starts (docs/claude-files.md).
         */
        trustFolder: z.boolean().optional(),
      })
      .strict()
      .superRefine((req, ctx) => {
        if (req.host !== undefined && req.backend !== undefined && req.backend !== 'ssh')
          ctx.addIssue({
            code: 'custom',
            path: ['backend'],
            message: `a session on a remote host runs in tmux there (backend ssh), not ${req.backend}`,
          })
        if (req.host === undefined && req.backend === 'ssh')
          ctx.addIssue({
            code: 'custom',
            path: ['host'],
            message: 'the ssh backend needs a host',
          })
      }),
    SessionSchema,
  ),
  'sessions.prompt': channel(
    'Send a prompt to one session, or queue it while the session works or is held',
    z
      .object({
        id: z.string().min(1),
        text: z.string().min(1, 'text is required').max(MAX_PROMPT_CHARS),
      })
      .strict(),
    PromptResultSchema,
  ),
  'sessions.interrupt': channel('Interrupt the running turn (Esc)', Id, Ok),
  'sessions.restart': channel('Kill and resume with the stored flags', Id, SessionSchema),
  'sessions.delete': channel(
    'Stop and remove a session',
    z.object({ id: z.string().min(1), removeWorktree: z.boolean().optional() }).strict(),
    Ok,
  ),
  'sessions.rename': channel(
    'Rename a session',
    z.object({ id: z.string().min(1), name: SessionNameSchema }).strict(),
    SessionSchema,
  ),
  'sessions.update': channel(
    'Move a session zone or change its display order',
    z
      .object({
        id: z.string().min(1),
        zone: HexCoordSchema.optional(),
        order: z.number().optional(),
      })
      .strict(),
    SessionSchema,
  ),
  'sessions.reorder': channel(
    'Set the display order of sessions',
    z.object({ ids: z.array(z.string()).max(1000) }).strict(),
    Ok,
  ),
  'terminal.input': channel(
    'Type into a session terminal',
    z.object({ id: z.string().min(1), data: z.string().max(65_536) }).strict(),
    Ok,
  ),
  'terminal.resize': channel(
    'Resize a session terminal',
    z
      .object({
        id: z.string().min(1),
        cols: z.number().int().min(10).max(1000),
        rows: z.number().int().min(4).max(500),
      })
      .strict(),
    Ok,
  ),
  'terminal.snapshot': channel(
    'Recent terminal output, to paint a terminal when it opens',
    Id,
    z.object({ data: z.string() }),
  ),
  'projects.trust': channel(
    'Whether Claude Code trusts a folder (it asks before starting in one it does not)',
    z.object({ cwd: AbsolutePathSchema }).strict(),
    z.object({
      trusted: z.boolean(),
      /** Where the trust is recorded: the repository's main folder, else the folder itself. */
      projectFolder: z.string(),
      /** False for the home folder, whose trust Claude Code never records. */
      recordable: z.boolean(),
    }),
  ),
  'projects.autocomplete': channel(
    'Folder suggestions for the new-session dialog (on a remote host when `host` is given)',
    z.object({ query: z.string().max(4096), host: HostIdSchema.optional() }).strict(),
    z.object({ results: z.array(z.string()) }),
  ),
} as const
