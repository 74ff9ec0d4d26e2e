/**
 * A TCP proxy that delays every chunk by half the added round trip in each direction, to make a
 * slow link on a machine whose kernel has no netem qdisc. Point ssh at it (user@127.0.0.1:port,
 * or a ProxyCommand) instead of the host. Chunks keep their order: each waits the same delay
 * from its arrival, and timers of equal delay fire in the order they were set.
 */
import { createServer, connect, type Socket } from 'node:net'

export interface DelayProxy {
  port: number
  close(): Promise<void>
}

export async function startDelayProxy(opts: {
  host: string
  port: number
  /** Added to every round trip, in milliseconds. */
  addedRoundTripMs: number
}): Promise<DelayProxy> {
  const oneWayMs = opts.addedRoundTripMs / 2
  const sockets = new Set<Socket>()
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk)
      }, oneWayMs)
    })
    // A clean end follows the data it came after; a reset ends the other side at once.
    from.on('end', () => setTimeout(() => to.end(), oneWayMs))
    from.on('error', () => to.destroy())
  }
  const server = createServer((client) => {
    const upstream = connect(opts.port, opts.host)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    }
    forward(client, upstream)
    forward(upstream, client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
