/**
 * The headless page's sign-in: the URL's single-use ticket leaves the address bar before it is
 * redeemed, the browser token it buys is kept for reloads, and the app token never appears.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { pageCredential, TOKEN_STORAGE_KEY } from '../../../src/renderer/src/transport/ws-client'

const TICKET = 'f'.repeat(64)

function fakeLocation(href: string): Location {
  return { href } as Location
}

beforeEach(() => sessionStorage.clear())

describe('pageCredential', () => {
  it('scrubs the ticket first, redeems it once, and keeps the browser token', async () => {
    const history = { replaceState: vi.fn() } as unknown as History
    let scrubbedBeforePost = false
    const post = vi.fn(async () => {
      scrubbedBeforePost = (history.replaceState as ReturnType<typeof vi.fn>).mock.calls.length > 0
      return new Response(JSON.stringify({ token: 'b1.browser' }), { status: 200 })
    })
    const token = await pageCredential(
      fakeLocation(`http://127.0.0.1:4000/?ticket=${TICKET}#feed`),
      history,
      post as unknown as typeof fetch,
    )
    expect(token).toBe('b1.browser')
    expect(scrubbedBeforePost).toBe(true)
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/#feed')
    expect(post).toHaveBeenCalledTimes(1)
    const [path, init] = post.mock.calls[0] as unknown as [string, RequestInit]
    expect(path).toBe('/auth/ticket')
    expect(JSON.parse(String(init.body))).toEqual({ ticket: TICKET })
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('b1.browser')

    // A reload has no ticket: the stored browser token is used, nothing is posted.
    const again = await pageCredential(
      fakeLocation('http://127.0.0.1:4000/'),
      history,
      post as unknown as typeof fetch,
    )
    expect(again).toBe('b1.browser')
    expect(post).toHaveBeenCalledTimes(1)
  })

  it('a refused ticket leaves no token behind', async () => {
    const history = { replaceState: vi.fn() } as unknown as History
    const post = vi.fn(async () => new Response('{"error":{}}', { status: 401 }))
    const token = await pageCredential(
      fakeLocation(`http://127.0.0.1:4000/?ticket=${TICKET}`),
      history,
      post as unknown as typeof fetch,
    )
    expect(token).toBe('')
    expect(history.replaceState).toHaveBeenCalled()
  })
})
