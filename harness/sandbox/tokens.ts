// The tenant access tokens a sandbox issues, and which app each belongs to.
import { randomBytes } from 'node:crypto'

const TOKEN_TTL = 7200

export interface IssuedToken {
  appId: string
  expiresAt: number
}

export type TokenStore = ReturnType<typeof tokenStore>

/** Issues tokens of `lifetime.expire` seconds (7200 when left out), read as each is issued. */
export function tokenStore(lifetime: { expire?: number }) {
  const tokens = new Map<string, IssuedToken>()
  return {
    issue(appId: string): { token: string; expire: number } {
      const now = Date.now()
      for (const [token, t] of tokens) {
        // The same token while more than 30 minutes remain, as Feishu does.
        if (t.appId === appId && t.expiresAt - now > 30 * 60 * 1000) return { token, expire: Math.floor((t.expiresAt - now) / 1000) }
      }
      const expire = lifetime.expire ?? TOKEN_TTL
      const token = `t-${randomBytes(20).toString('hex')}`
      tokens.set(token, { appId, expiresAt: now + expire * 1000 })
      return { token, expire }
    },
    /** The app and expiry of a token this sandbox issued, expired or not. */
    get: (token: string): IssuedToken | undefined => tokens.get(token),
    /** Every token issued so far (to check that none leaks). */
    issued: (): string[] => [...tokens.keys()]
  }
}
