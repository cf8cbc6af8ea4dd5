// startSandbox: the sandbox's server. It listens (HTTP, or HTTPS with the test certificate), numbers the TCP
// connections, logs each request, and hands it to the next queued fault, else to the routes (routes.ts).
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { testCertificate } from './certificates.js'
import type { Exchange } from './exchange.js'
import type { Fault } from './faults.js'
import { type RecordedRequest, recordAnswer } from './request-log.js'
import { answer } from './routes.js'
import { type SandboxOptions, type SandboxState, sandboxState } from './state.js'

export interface Sandbox {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  /** TCP connections that carried at least one request. */
  readonly connectionCount: () => number
  /** Tokens issued so far (to check that none leaks). */
  readonly issuedTokens: () => string[]
  /** The next requests are answered by these, in order, instead of the normal behaviour. */
  failNext(...faults: Fault[]): void
  /** Drops faults queued by failNext that no request used. */
  clearFaults(): void
  close(): Promise<void>
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state = sandboxState(options)
  const requests: RecordedRequest[] = []
  const queued: Fault[] = []
  const connections = connectionNumbers()
  let logSeq = 0

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const connection = connections.of(req.socket)
    readBody(req, body => {
      const path = req.url ?? '/'
      const recorded: RecordedRequest = { method: req.method ?? '', path, headers: req.headers, body, connection }
      requests.push(recorded)
      recordAnswer(res, recorded, options.onRequest)
      // Shaped as Feishu's log ids, and unique: a 99991672 answer quotes it.
      res.setHeader('x-tt-logid', `20261125${String(++logSeq).padStart(8, '0')}SANDBOX`)
      dispatch(queued.shift(), state, { req, res, path, body })
    })
  }

  const server = options.tls ? https.createServer(testCertificate(), handler) : http.createServer(handler)
  server.keepAliveTimeout = 30_000
  const host = options.host ?? '127.0.0.1'
  const port = await listen(server, host, options.port ?? 0)
  state.baseUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url: state.baseUrl,
    port,
    requests,
    connectionCount: connections.count,
    issuedTokens: state.tokens.issued,
    failNext: (...more) => void queued.push(...more),
    clearFaults: () => void queued.splice(0),
    close: () =>
      new Promise(resolve => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** The fault takes the request, if there is one; without one, or once it passes, the routes answer. */
function dispatch(fault: Fault | undefined, state: SandboxState, exchange: Exchange): void {
  const verdict = fault?.(exchange.req, exchange.res)
  if (verdict instanceof Promise) return void verdict.then(() => answer(state, exchange))
  if (fault && verdict !== 'pass') return
  answer(state, exchange)
}

/** Numbers each TCP connection when its first request comes: equal numbers, one kept-alive connection. */
function connectionNumbers() {
  const ids = new WeakMap<Socket, number>()
  let count = 0
  return {
    of(socket: Socket): number {
      let id = ids.get(socket)
      if (id === undefined) {
        id = ++count
        ids.set(socket, id)
      }
      return id
    },
    count: (): number => count
  }
}

/** Calls `then` with the whole body, as text, once the request has come in. */
function readBody(req: IncomingMessage, then: (body: string) => void): void {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => then(Buffer.concat(chunks).toString('utf8')))
}

/** Listens on `host` and `port` (0: a free one); the port it listens on. */
async function listen(server: http.Server | https.Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  return (server.address() as AddressInfo).port
}
