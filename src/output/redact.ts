/**
 * The run's secrets, and the one way to take them out of text. Outside text is redacted as it arrives,
 * before anything shortens, strips or escapes it: a secret cut in two or escaped is no longer found.
 */
export interface Redactor {
  /** Adds a secret; every later `redact` replaces it, and any SECRET_WINDOW characters of it in a row, with `***`. */
  add(secret: string): void
  redact(text: string): string
  /** A parsed JSON value with every string in it redacted (keys are never shown, so they stay). */
  redactDeep(value: unknown): unknown
}

/**
 * Any this many characters of a secret in a row count as the secret, so a server that echoes part of it (all but its
 * first character, say) does not get that part printed. 8 is the window the tests scan for; no run of 8 random
 * characters of a secret shows up in other text by chance.
 */
export const SECRET_WINDOW = 8

export function createRedactor(): Redactor {
  /** Secrets shorter than the window, replaced only whole. */
  const short = new Set<string>()
  /** Every run of SECRET_WINDOW characters of every longer secret. */
  const windows = new Set<string>()
  const redact = (text: string): string => {
    const whole = [...short].reduce((out, secret) => out.split(secret).join('***'), text)
    // The stretches of text made of windows of secrets, overlapping or touching ones as one, in order: [start, end).
    const stretches: Array<[number, number]> = []
    for (let end = SECRET_WINDOW; end <= whole.length; end++) {
      const start = end - SECRET_WINDOW
      if (!windows.has(whole.slice(start, end))) continue
      const last = stretches.at(-1)
      if (last && start <= last[1]) last[1] = end
      else stretches.push([start, end])
    }
    let out = ''
    let from = 0
    for (const [start, end] of stretches) {
      out += `${whole.slice(from, start)}***`
      from = end
    }
    return out + whole.slice(from)
  }
  // Without recursion: an answer nested 100,000 levels deep (JSON.parse takes it) must keep its code, not overflow
  // the stack and turn into "not JSON".
  const redactDeep = (value: unknown): unknown => {
    const copy = (inner: unknown, pending: Array<[object, object]>): unknown => {
      if (typeof inner === 'string') return redact(inner)
      if (typeof inner !== 'object' || inner === null) return inner
      const target = Array.isArray(inner) ? [] : {}
      pending.push([inner, target])
      return target
    }
    const pending: Array<[object, object]> = []
    const root = copy(value, pending)
    for (let next = pending.pop(); next; next = pending.pop()) {
      const [source, target] = next
      // defineProperty: a key such as __proto__ stays a key, as JSON.parse made it.
      for (const [key, inner] of Object.entries(source)) {
        Object.defineProperty(target, key, { value: copy(inner, pending), enumerable: true, writable: true, configurable: true })
      }
    }
    return root
  }
  return {
    add: secret => {
      if (secret === '') return
      if (secret.length < SECRET_WINDOW) short.add(secret)
      else for (let end = SECRET_WINDOW; end <= secret.length; end++) windows.add(secret.slice(end - SECRET_WINDOW, end))
    },
    redact,
    redactDeep
  }
}
