// A forward proxy on loopback that only speaks CONNECT (what HTTPS through HTTPS_PROXY uses) and records
// the host each tunnel asked for. Every tunnel goes to `target` whatever host was asked: that is how a test
// reaches "open.feishu.cn" with no network.
import net, { type AddressInfo } from 'node:net'

export interface ConnectProxy {
  readonly url: string
  /** `host:port` of every CONNECT, in order. */
  readonly tunnels: string[]
  close(): Promise<void>
}

export async function startConnectProxy(target: { host: string; port: number }): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer(client => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => undefined)
    let head = ''
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1')
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      client.off('data', onData)
      const match = /^CONNECT (\S+) HTTP\/1\.[01]\r\n/.exec(head)
      if (!match) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n')
        return
      }
      tunnels.push(match[1]!)
      const upstream = net.connect(target.port, target.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        const rest = Buffer.from(head.slice(end + 4), 'latin1')
        if (rest.length > 0) upstream.write(rest)
        client.pipe(upstream).pipe(client)
      })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
    }
    client.on('data', onData)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
