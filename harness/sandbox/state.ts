// What a sandbox is made from (its options) and what it keeps between requests (its state), which the endpoints
// read and change.
import { type SandboxApp, TEST_APP } from './apps.js'
import { sandboxRateLimit } from './rate-limit.js'
import type { RecordedRequest } from './request-log.js'
import { resourceRateLimiter } from './resources/limits.js'
import { type TokenStore, tokenStore } from './tokens.js'

export interface SandboxOptions {
  apps?: SandboxApp[]
  /** Serve HTTPS with the test certificate (for open.feishu.cn, open.larksuite.com, localhost, 127.0.0.1). */
  tls?: boolean
  /** HTTP status of token-endpoint errors: Feishu uses 200, some proxies turn them into 400. */
  tokenErrorStatus?: 200 | 400
  /** Past this many requests a second: HTTP 429, code 99991400 and x-ogw-ratelimit-reset. */
  rateLimitPerSecond?: number
  /**
   * The resource calls' own limits, per app and per call, as Feishu enforces them (RESOURCE_RATE_LIMITS: docx 5/s,
   * Base 20/s...): past one, HTTP 429, code 99991400, x-ogw-ratelimit-limit and x-ogw-ratelimit-reset (seconds).
   * On unless false.
   */
  resourceRateLimits?: boolean
  /** Remaining lifetime reported for a new token (seconds). */
  expire?: number
  /** The address to listen on: 127.0.0.1 by default, ::1 for IPv6. */
  host?: '127.0.0.1' | '::1'
  /** The port to listen on: a free one by default. */
  port?: number
  /**
   * Told of each request once it is answered, with the answer's status and code (npm run sandbox prints them), or
   * once its connection closes without an answer.
   */
  onRequest?: (request: RecordedRequest) => void
}

/** What one running sandbox keeps between requests. */
export interface SandboxState {
  readonly options: SandboxOptions
  /** The apps, by App ID: copies, since the apply endpoint counts the approval requests on them. */
  readonly apps: Map<string, SandboxApp>
  readonly tokens: TokenStore
  /** The sandbox-wide limit (rate-limit.ts): whether a request is over it. */
  readonly rateLimit: ReturnType<typeof sandboxRateLimit>
  /** The resource calls' own limits (resources/limits.ts). */
  readonly resourceLimits: ReturnType<typeof resourceRateLimiter>
  /** The messages sent, by App ID and uuid: the messages endpoint sends one per uuid. */
  readonly sentByUuid: Map<string, { messageId: string; at: number }>
  /** The sandbox's own address, once it listens: where the console links of its answers point. */
  baseUrl: string
}

/** A new sandbox's state: nothing issued, nothing counted, its address not known yet. */
export function sandboxState(options: SandboxOptions): SandboxState {
  return {
    options,
    apps: new Map((options.apps ?? [TEST_APP]).map(app => [app.appId, { ...app }])),
    tokens: tokenStore(options),
    rateLimit: sandboxRateLimit(options),
    resourceLimits: resourceRateLimiter(),
    sentByUuid: new Map(),
    baseUrl: ''
  }
}
