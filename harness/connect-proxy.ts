// A forward proxy on loopback that only speaks CONNECT (what HTTPS through HTTPS_PROXY uses) and records
// the host each tunnel asked for. Every tunnel goes to `target` whatever host was asked: that is how a test
// reaches "open.feishu.cn" with no network. It can demand credentials (407 otherwise) and black-hole chosen
// CONNECT requests (accepted, never answered).
import net, { type AddressInfo } from 'node:net'

export interface ConnectProxyOptions {
  /** `user:password` the proxy demands in Proxy-Authorization (Basic). */
  readonly credentials?: string
  /** CONNECT number n (1, 2, ...) is never answered when this says so. */
  readonly blackHole?: (n: number) => boolean
}

export interface ConnectProxy {
  readonly url: string
  readonly port: number
  /** `host:port` of every CONNECT that opened a tunnel, in order. */
  readonly tunnels: string[]
  /** Every CONNECT asked, opened or not. */
  readonly asked: string[]
  close(): Promise<void>
}

export async function startConnectProxy(target: { host: string; port: number }, options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const asked: string[] = []
  const sockets = new Set<net.Socket>()
  const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`
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
      asked.push(match[1]!)
      if (options.blackHole?.(asked.length)) return void client.resume()
      const authorization = /\r\nproxy-authorization: *([^\r]*)/i.exec(head)?.[1]
      if (expected && authorization !== expected) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="test"\r\ncontent-length: 0\r\n\r\n')
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
    port,
    tunnels,
    asked,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  }
}
