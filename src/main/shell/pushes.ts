/**
 * Pushes that originate in the desktop shell rather than the core: the renderer-crash notice,
 * "restart to update", and "focus this session" (from a notification, the tray or a second
 * launch). They travel on the same IPC_PUSH channel as core streams.
 *
 * CONTRACT WIRING POINT: `notice` and `focus` are not in `streams` of src/shared/contract yet;
 * until they are, the renderer's typed `on()` cannot name them. Move these two schemas into
 * `streams` (same names) and import them from there.
 */
import type { WebContents } from 'electron'
import { z } from 'zod'
import { IPC_PUSH } from '../../shared/contract'

export const ShellNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('renderer-recovered'), message: z.string() }),
  z.object({
    kind: z.literal('update-ready'),
    message: z.string(),
    version: z.string(),
    releaseNotes: z.string().nullable(),
    releaseDate: z.string().nullable(),
    /** Invoke this channel to restart into the new version (asks first if pty sessions run). */
    installChannel: z.literal('app.installUpdate'),
  }),
])
export type ShellNotice = z.infer<typeof ShellNoticeSchema>

export const FocusRequestSchema = z.object({ sessionId: z.string().min(1) })
export type FocusRequest = z.infer<typeof FocusRequestSchema>

export const SHELL_STREAMS = { notice: ShellNoticeSchema, focus: FocusRequestSchema } as const
export type ShellStreamName = keyof typeof SHELL_STREAMS

export function pushToRenderer<S extends ShellStreamName>(
  contents: WebContents | null | undefined,
  stream: S,
  data: z.infer<(typeof SHELL_STREAMS)[S]>,
): void {
  if (!contents || contents.isDestroyed()) return
  contents.send(IPC_PUSH, stream, SHELL_STREAMS[stream].parse(data))
}
