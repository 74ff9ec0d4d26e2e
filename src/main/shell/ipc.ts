/**
 * Every renderer → main call arrives here, on one IPC channel, and goes through one check: the
 * sending frame must be the app's own renderer, in its top frame. Then it is answered by a
 * shell-local handler (things only the desktop can do) or forwarded to `core.dispatch`. Errors
 * come back as values (`{ ok: false, error }`) because thrown errors lose their fields crossing IPC.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { ApiError, IPC_INVOKE, type ApiErrorBody } from '@shared/contract'

export type InvokeResult = { ok: true; data: unknown } | { ok: false; error: ApiErrorBody }

/** The parts of an IPC event the check reads (kept minimal so tests can build one). */
export interface SenderInfo {
  senderFrame: { url: string; parent: unknown } | null
  sender: { id: number }
}

export type LocalHandler = (payload: unknown, sender: SenderInfo) => Promise<unknown>

export interface InvokeRouterOptions {
  isAppRendererUrl: (url: string) => boolean
  dispatch: (channel: string, payload: unknown, ctx: { clientId: string }) => Promise<unknown>
  /** Channels the shell answers itself (e.g. app.openExternal); checked before the core. */
  localHandlers?: Readonly<Record<string, LocalHandler>>
  onRejectedSender?: (url: string | null, channel: unknown) => void
  onInternalError?: (channel: string, error: unknown) => void
}

/** The client id the core sees for a window's webContents (one per renderer). */
export function clientIdFor(webContentsId: number): string {
  return `electron:${webContentsId}`
}

export function isTrustedSender(
  event: SenderInfo,
  isAppRendererUrl: (url: string) => boolean,
): boolean {
  const frame = event.senderFrame
  // Only the top frame: an iframe inside our page (should one ever exist) is not trusted.
  return frame !== null && frame.parent === null && isAppRendererUrl(frame.url)
}

export function errorAsValue(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toJSON()
  return { code: 'internal', message: 'internal error (details are in the log)' }
}

export function createInvokeRouter(opts: InvokeRouterOptions) {
  return async (event: SenderInfo, channel: unknown, payload: unknown): Promise<InvokeResult> => {
    if (!isTrustedSender(event, opts.isAppRendererUrl)) {
      opts.onRejectedSender?.(event.senderFrame?.url ?? null, channel)
      return {
        ok: false,
        error: { code: 'forbidden', message: 'sender is not the Atelier window' },
      }
    }
    if (typeof channel !== 'string' || channel.length === 0 || channel.length > 100) {
      return {
        ok: false,
        error: { code: 'bad_request', message: 'channel must be a non-empty string' },
      }
    }
    try {
      const local =
        opts.localHandlers && Object.hasOwn(opts.localHandlers, channel)
          ? opts.localHandlers[channel]
          : undefined
      const data = local
        ? await local(payload, event)
        : await opts.dispatch(channel, payload, { clientId: clientIdFor(event.sender.id) })
      return { ok: true, data }
    } catch (error) {
      if (!(error instanceof ApiError)) opts.onInternalError?.(channel, error)
      return { ok: false, error: errorAsValue(error) }
    }
  }
}

/** Registers the router as the only `ipcMain.handle` the app has. */
export function registerInvokeRouter(
  ipcMain: IpcMain,
  router: ReturnType<typeof createInvokeRouter>,
): () => void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) =>
    router(event, channel, payload),
  )
  return () => ipcMain.removeHandler(IPC_INVOKE)
}
