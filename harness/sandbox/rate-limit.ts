// The sandbox-wide rate limit (SandboxOptions.rateLimitPerSecond): every request counts, whatever its path, in
// windows of one calendar second. The resource calls' own limits are another (resources/limits.ts).

/** Counts requests against `options.rateLimitPerSecond`, read at each request; says when one is over it. */
export function sandboxRateLimit(options: { rateLimitPerSecond?: number }) {
  let window = { second: 0, count: 0 }
  return (): { limit: number; resetSeconds: number } | undefined => {
    const limit = options.rateLimitPerSecond
    if (limit === undefined) return undefined
    const now = Date.now()
    const second = Math.floor(now / 1000)
    if (second !== window.second) window = { second, count: 0 }
    if (++window.count > limit) {
      const reset = Math.max(1, Math.ceil((second + 1) * 1000 - now) / 1000)
      return { limit, resetSeconds: Math.ceil(reset) }
    }
    return undefined
  }
}
