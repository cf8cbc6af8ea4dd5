// A TCP proxy on loopback that delays every chunk by a fixed time in each direction, like a network
// with that one-way latency (a new connection then costs one extra round trip). It counts connections.
import net, { type AddressInfo } from 'node:net'

export interface DelayProxy {
  readonly url: string
  readonly port: number
  /** Connections accepted so far. */
  connections(): number
  close(): Promise<void>
}

export async function startDelayProxy(target: { host: string; port: number }, oneWayDelayMs: number): Promise<DelayProxy> {
  let count = 0
  const sockets = new Set<net.Socket>()
  const delayed = (from: net.Socket, to: net.Socket): void => {
    from.on('data', chunk => {
      setTimeout(() => to.writable && to.write(chunk), oneWayDelayMs)
    })
    from.on('end', () => setTimeout(() => to.end(), oneWayDelayMs))
  }
  const server = net.createServer(client => {
    count++
    client.setNoDelay(true)
    // The SYN / SYN-ACK round trip of a new connection.
    client.pause()
    setTimeout(() => {
      const upstream = net.connect(target.port, target.host, () => {
        upstream.setNoDelay(true)
        delayed(client, upstream)
        delayed(upstream, client)
        setTimeout(() => client.resume(), oneWayDelayMs)
      })
      for (const socket of [client, upstream]) {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
        socket.on('error', () => {
          client.destroy()
          upstream.destroy()
        })
      }
    }, oneWayDelayMs)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => count,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
