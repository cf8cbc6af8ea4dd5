// The sandbox's request log: each request as it came, with the status and Feishu code of its answer once sent.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** Which TCP connection carried it: equal ids, one kept-alive connection. */
  connection: number
  /** The answer's HTTP status, once sent (left out when the request got no HTTP answer: a hang, a reset, raw bytes). */
  status?: number
  /** The answer's Feishu `code`, when its body was JSON with a numeric code. */
  code?: number
}

// Enough of an answer's body to read its code; a longer one (faults.huge) is recorded without one.
const RECORDED_BODY_BYTES = 64 * 1024

/**
 * Fills in `recorded.status` and `recorded.code` as the answer is sent, whoever sends it (an endpoint or a fault),
 * then tells `told`; a request whose connection closes with no answer is told of without them (or with the status
 * alone when only the head went out).
 */
export function recordAnswer(res: ServerResponse, recorded: RecordedRequest, told?: (request: RecordedRequest) => void): void {
  const chunks: Buffer[] = []
  let bytes = 0
  let done = false
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (bytes > RECORDED_BODY_BYTES) return
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8')
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : undefined
    if (buffer) chunks.push(buffer)
    bytes += buffer?.length ?? 0
  }
  const finish = (ended: boolean): void => {
    if (done) return
    done = true
    if (res.headersSent) recorded.status = res.statusCode
    if (ended && bytes <= RECORDED_BODY_BYTES) {
      try {
        const code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: unknown } | null)?.code
        if (typeof code === 'number') recorded.code = code
      } catch {
        // Not JSON: no code.
      }
    }
    told?.(recorded)
  }
  const write = res.write as (...args: unknown[]) => boolean
  const end = res.end as (...args: unknown[]) => ServerResponse
  res.write = ((...args: unknown[]) => {
    keep(args[0], args[1])
    return write.apply(res, args)
  }) as typeof res.write
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') keep(args[0], args[1])
    const result = end.apply(res, args)
    finish(true)
    return result
  }) as typeof res.end
  res.once('close', () => finish(false))
}
