// Faults: what a queued `failNext` does to the next request instead of the normal behaviour, and ready-made ones
// (a hang, a reset, a truncated or huge body, a redirect, a rate limit...). They write the answer themselves, not
// through exchange.ts's `send`, so that its bytes are exactly the ones each asks for.
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Takes over one request: answers it (or not) any way it likes; 'pass' hands it back to the normal behaviour, and a
 * promise of 'pass' hands it back later (a slow server).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a fault is any function that answers; 'pass' is the one value that means something.
export type Fault = (req: IncomingMessage, res: ServerResponse) => void | 'pass' | Promise<'pass'>

/** Ready-made faults for `failNext`. */
export const faults = {
  /** Lets the request through to the normal behaviour (to fault a later one). */
  pass: (): Fault => () => 'pass',
  /** Writes these bytes as the whole answer, HTTP or not, and closes. */
  raw:
    (bytes: string): Fault =>
    (_req, res) =>
      void res.socket?.end(bytes),
  json:
    (status: number, body: unknown, headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      const text = JSON.stringify(body)
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(text)
    },
  text:
    (status: number, body: string | Buffer, contentType = 'text/html; charset=utf-8', headers: Record<string, string> = {}): Fault =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': contentType, ...headers })
      res.end(body)
    },
  /** Accepts the request and never answers. */
  hang: (): Fault => () => undefined,
  /** Answers as usual, after `ms`. */
  slow:
    (ms: number): Fault =>
    () =>
      new Promise(resolve => setTimeout(() => resolve('pass'), ms)),
  /** Drops the connection without an answer. */
  reset: (): Fault => req => void req.socket.destroy(),
  /** Sends the head and part of the body, then drops the connection. */
  truncate: (): Fault => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"code":0,"msg":"ok","tenant_acc')
    setTimeout(() => res.socket?.destroy(), 20)
  },
  redirect:
    (location: string, status = 302): Fault =>
    (_req, res) => {
      res.writeHead(status, { location, 'content-type': 'text/html' })
      res.end(`<a href="${location}">moved</a>`)
    },
  /** A body of `bytes` bytes, streamed, not announced. */
  huge:
    (bytes: number): Fault =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let sent = 0
      const pump = (): void => {
        while (sent < bytes) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('error', () => undefined)
      pump()
    },
  rateLimited: (reset: number, header: 'x-ogw-ratelimit-reset' | 'retry-after' = 'x-ogw-ratelimit-reset'): Fault =>
    faults.json(429, { code: 99991400, msg: 'request trigger frequency limit' }, { [header]: String(reset), 'x-ogw-ratelimit-limit': '10' })
}
