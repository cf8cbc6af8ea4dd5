// The link between a runner and the API, simulated on loopback: a TCP front door for the sandbox that delays
// every chunk by a fixed time in each direction (so a new connection costs one more round trip, as SYN/SYN-ACK
// does) and can black-hole chosen connections: accepted, read, never answered, never closed, as a stalled
// cross-border connection behaves. It counts connections.
import net, { type AddressInfo } from 'node:net'

export interface LinkOptions {
  readonly oneWayDelayMs?: number
  /** Connection n (1, 2, ...) is accepted and never answered when this says so. */
  readonly blackHole?: (n: number) => boolean
}

export interface Link {
  readonly url: string
  readonly port: number
  /** Connections accepted so far, black-holed ones included. */
  connections(): number
  /** How many were black-holed. */
  blackHoled(): number
  close(): Promise<void>
}

export async function startLink(target: { host: string; port: number }, { oneWayDelayMs = 0, blackHole }: LinkOptions = {}): Promise<Link> {
  let count = 0
  let holes = 0
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  const later = (action: () => void): void => {
    if (oneWayDelayMs === 0) action()
    else setTimeout(action, oneWayDelayMs)
  }
  const delayed = (from: net.Socket, to: net.Socket): void => {
    from.on('data', chunk => later(() => to.writable && to.write(chunk)))
    from.on('end', () => later(() => to.end()))
  }
  const server = net.createServer(client => {
    const n = ++count
    track(client)
    client.on('error', () => undefined)
    if (blackHole?.(n)) {
      holes++
      client.resume()
      return
    }
    client.setNoDelay(true)
    client.pause()
    later(() => {
      const upstream = net.connect(target.port, target.host, () => {
        upstream.setNoDelay(true)
        delayed(client, upstream)
        delayed(upstream, client)
        later(() => client.resume())
      })
      track(upstream)
      for (const socket of [client, upstream]) {
        socket.on('error', () => {
          client.destroy()
          upstream.destroy()
        })
        socket.on('close', () => (socket === client ? upstream : client).destroy())
      }
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => count,
    blackHoled: () => holes,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
