// The resource calls' own rate limits, per app and per call, as Feishu enforces them (the sandbox-wide limit of
// SandboxOptions.rateLimitPerSecond is another: harness/sandbox/rate-limit.ts).
import type { ResourceCall } from './model.js'

/**
 * Each call's limits per app, in fixed windows that start with the first call counted. The wiki node and wiki space
 * calls are two APIs with 100/min each, so they count apart.
 */
export const RESOURCE_RATE_LIMITS: Readonly<Record<ResourceCall, ReadonlyArray<{ limit: number; windowMs: number }>>> = {
  chat: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  base: [{ limit: 20, windowMs: 1000 }],
  docx: [{ limit: 5, windowMs: 1000 }],
  sheets: [{ limit: 100, windowMs: 60_000 }],
  wikiNode: [{ limit: 100, windowMs: 60_000 }],
  wikiSpace: [{ limit: 100, windowMs: 60_000 }],
  folder: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  calendar: [
    { limit: 50, windowMs: 1000 },
    { limit: 1000, windowMs: 60_000 }
  ],
  permissionAuth: [{ limit: 100, windowMs: 60_000 }]
}

/** Counts each app's calls per kind in fixed windows; `hit` says which limit a call is over, if any. */
export function resourceRateLimiter(now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(appId: string, call: ResourceCall): { limit: number; resetSeconds: number } | undefined {
      const at = now()
      let over: { limit: number; resetSeconds: number } | undefined
      for (const { limit, windowMs } of RESOURCE_RATE_LIMITS[call]) {
        const key = `${appId} ${call} ${windowMs}`
        let window = windows.get(key)
        if (!window || at - window.start >= windowMs) {
          window = { start: at, count: 0 }
          windows.set(key, window)
        }
        if (++window.count > limit && !over) over = { limit, resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)) }
      }
      return over
    }
  }
}
