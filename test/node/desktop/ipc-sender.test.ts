/** Every IPC call's sender check and routing, and the renderer origin rules behind it. */
import { describe, expect, it, vi } from 'vitest'
import { ApiError, IPC_INVOKE } from '../../../src/shared/contract'
import {
  isAppRendererUrl,
  rendererEntryUrl,
  resolveRendererLocation,
} from '../../../src/main/shell/desktop/renderer-origin'
import {
  createInvokeRouter,
  registerInvokeRouter,
  type SenderInfo,
} from '../../../src/main/shell/ipc'

const prod = resolveRendererLocation(
  undefined,
  '/opt/Atelier/resources/app.asar/out/renderer/index.html',
)
const dev = resolveRendererLocation('http://localhost:5173/', '/unused')

describe('renderer origin', () => {
  it('accepts the packaged renderer file, with or without query and hash', () => {
    const url = rendererEntryUrl(prod)
    expect(url).toBe('file:///opt/Atelier/resources/app.asar/out/renderer/index.html')
    expect(isAppRendererUrl(url, prod)).toBe(true)
    expect(isAppRendererUrl(`${url}?x=1#/session/3`, prod)).toBe(true)
  })

  it('rejects other files, other schemes and the dev server in production', () => {
    for (const url of [
      'file:///opt/Atelier/resources/app.asar/out/renderer/other.html',
      'file:///tmp/index.html',
      'file://evil-host/opt/Atelier/resources/app.asar/out/renderer/index.html',
      'http://localhost:5173/',
      'https://example.com/out/renderer/index.html',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
    ]) {
      expect(isAppRendererUrl(url, prod), url).toBe(false)
    }
  })

  it('in dev accepts only the dev server origin', () => {
    expect(isAppRendererUrl('http://localhost:5173/src/index.html', dev)).toBe(true)
    expect(isAppRendererUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(
      isAppRendererUrl('file:///opt/Atelier/resources/app.asar/out/renderer/index.html', dev),
    ).toBe(false)
  })

  it('refuses a non-loopback dev server URL outright', () => {
    expect(() => resolveRendererLocation('http://10.0.0.5:5173/', '/x')).toThrow(/loopback/)
    expect(() => resolveRendererLocation('file:///tmp/', '/x')).toThrow(/loopback/)
  })
})

const event = (url: string | null, topFrame = true): SenderInfo => ({
  senderFrame: url === null ? null : { url, parent: topFrame ? null : {} },
  sender: { id: 7 },
})
const APP_URL = rendererEntryUrl(prod)

function router(overrides: Partial<Parameters<typeof createInvokeRouter>[0]> = {}) {
  const dispatch = vi.fn(async (channel: string, payload: unknown, ctx: { clientId: string }) => ({
    channel,
    payload,
    ctx,
  }))
  const rejected = vi.fn()
  const route = createInvokeRouter({
    isAppRendererUrl: (url) => isAppRendererUrl(url, prod),
    dispatch,
    onRejectedSender: rejected,
    ...overrides,
  })
  return { route, dispatch, rejected }
}

describe('IPC invoke router', () => {
  it('forwards a call from the app renderer to core.dispatch with a per-window client id', async () => {
    const { route, dispatch } = router()
    await expect(route(event(APP_URL), 'sessions.list', {})).resolves.toEqual({
      ok: true,
      data: { channel: 'sessions.list', payload: {}, ctx: { clientId: 'electron:7' } },
    })
    expect(dispatch).toHaveBeenCalledOnce()
  })

  it.each([
    ['a foreign page', event('https://evil.example/')],
    ['another local file', event('file:///tmp/index.html')],
    ['an iframe inside our page', event(APP_URL, false)],
    ['a frame that is gone', event(null)],
  ])('refuses %s without touching the core', async (_label, sender) => {
    const { route, dispatch, rejected } = router()
    await expect(route(sender, 'sessions.list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'sender is not the Atelier window' },
    })
    expect(dispatch).not.toHaveBeenCalled()
    expect(rejected).toHaveBeenCalledOnce()
  })

  it('returns ApiErrors as values, with their field', async () => {
    const { route } = router({
      dispatch: async () => {
        throw new ApiError('bad_request', 'name: too long', 'name')
      },
    })
    await expect(route(event(APP_URL), 'sessions.create', {})).resolves.toEqual({
      ok: false,
      error: { code: 'bad_request', message: 'name: too long', field: 'name' },
    })
  })

  it('hides internal error details from the renderer but reports them', async () => {
    const internal = vi.fn()
    const { route } = router({
      dispatch: async () => {
        throw new Error('SQLITE_CORRUPT at /home/me/secret/path')
      },
      onInternalError: internal,
    })
    const result = await route(event(APP_URL), 'events.list', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error (details are in the log)' },
    })
    expect(internal).toHaveBeenCalledWith('events.list', expect.any(Error))
  })

  it('answers shell-local channels itself, and rejects a non-string channel', async () => {
    const local = vi.fn(async () => ({ ok: true }))
    const { route, dispatch } = router({ localHandlers: { 'app.installUpdate': local } })
    await expect(route(event(APP_URL), 'app.installUpdate', {})).resolves.toEqual({
      ok: true,
      data: { ok: true },
    })
    expect(dispatch).not.toHaveBeenCalled()
    await expect(route(event(APP_URL), 42, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
    // inherited object keys are not handlers
    await route(event(APP_URL), 'toString', {})
    expect(dispatch).toHaveBeenCalledWith('toString', {}, { clientId: 'electron:7' })
  })

  it('registers on the contract’s single invoke channel', () => {
    const handle = vi.fn()
    const removeHandler = vi.fn()
    const { route } = router()
    const unregister = registerInvokeRouter({ handle, removeHandler } as never, route)
    expect(handle).toHaveBeenCalledWith(IPC_INVOKE, expect.any(Function))
    unregister()
    expect(removeHandler).toHaveBeenCalledWith(IPC_INVOKE)
  })
})
