/**
 * Pushes that originate in the desktop shell rather than the core: the renderer-crash notice,
 * "restart to update", "focus this session" (from a notification, the tray or a second launch),
 * and "jump to the next attention item" (the system-wide shortcut). They travel on the same
 * IPC_PUSH channel as core streams.
 * Their schemas are the contract's `streams.notice`, `streams.focus` and `streams.jump`.
 */
import type { WebContents } from 'electron'
import { z } from 'zod'
import { IPC_PUSH, streams } from '@shared/contract'

export const ShellNoticeSchema = streams.notice
export type ShellNotice = z.infer<typeof ShellNoticeSchema>

export const FocusRequestSchema = streams.focus
export type FocusRequest = z.infer<typeof FocusRequestSchema>

export const SHELL_STREAMS = {
  notice: ShellNoticeSchema,
  focus: FocusRequestSchema,
  jump: streams.jump,
} as const
export type ShellStreamName = keyof typeof SHELL_STREAMS

export function pushToRenderer<S extends ShellStreamName>(
  contents: WebContents | null | undefined,
  stream: S,
  data: z.infer<(typeof SHELL_STREAMS)[S]>,
): void {
  if (!contents || contents.isDestroyed()) return
  contents.send(IPC_PUSH, stream, SHELL_STREAMS[stream].parse(data))
}
