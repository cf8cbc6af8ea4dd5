// One request, read whole, and the plain answers every endpoint sends: JSON, the 429 of a rate limit, the 404.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  /** The request's target as sent (path and query). */
  path: string
  body: string
}

/** A JSON answer, its length announced. */
export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** Feishu's answer past a rate limit: HTTP 429, code 99991400, the limit and the seconds until it resets. */
export function tooManyRequests(res: ServerResponse, over: { limit: number; resetSeconds: number }): void {
  send(
    res,
    429,
    { code: 99991400, msg: 'request trigger frequency limit' },
    { 'x-ogw-ratelimit-limit': String(over.limit), 'x-ogw-ratelimit-reset': String(over.resetSeconds) }
  )
}

/** A request no route takes: a plain-text 404. */
export function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' })
  res.end('404 page not found')
}
