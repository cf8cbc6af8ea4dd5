// 'base-url': where requests go instead of a region's API, for a private deployment or a test server.
import { REGIONS } from '../feishu/region.js'
import { quote } from '../output/text.js'
import { InputError } from './error.js'

const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i

/** An origin such as https://open.feishu.cn, or undefined when the input is empty. Throws an InputError. */
export function parseBaseUrl(value: string): string | undefined {
  if (value === '') return undefined
  const fail = (why: string): never => {
    throw new InputError(`Input 'base-url' (${quote(withoutCredentials(value), 100)}) ${why}. Example: '${REGIONS.feishu.baseUrl}'.`)
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    const port = /^[a-z]+:\/\/[^/?#]*:(\d+)(?:[/?#]|$)/i.exec(value)?.[1]
    return fail(port !== undefined && Number(port) > 65535 ? `has the port ${port}, out of range (1-65535)` : 'is not an absolute URL')
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
    fail('uses plain http://, which is accepted only for loopback hosts (localhost, 127.0.0.0/8, ::1): use https://')
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('must start with https://')
  }
  if (url.username !== '' || url.password !== '') fail('must not contain credentials')
  // An empty query or fragment ('?', '#') leaves url.search and url.hash empty: the text itself is what counts.
  if (value.includes('?')) fail('must not have a query string')
  if (value.includes('#')) fail('must not have a fragment')
  if (url.pathname !== '/') fail('must have no path: give only the scheme and host (and port), the action adds /open-apis/...')
  return url.origin
}

/**
 * The URL with everything up to its last '@' after the scheme replaced: the parser takes credentials in
 * forms such as `https:user:pw@host`, `https:/user:pw@host` and with backslashes, not only after `//`.
 */
export function withoutCredentials(value: string): string {
  return value.replace(/^(https?:[\\/]*)?[\s\S]*@/i, '$1***@')
}
