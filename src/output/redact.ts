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
  const short: string[] = []
  /** Every run of SECRET_WINDOW characters of every longer secret. */
  const windows = new Set<string>()
  const redact = (text: string): string => {
    const whole = short.reduce((out, secret) => out.split(secret).join('***'), text)
    // Only to spare the loop below (a slice a character) when there is nothing to find.
    if (windows.size === 0) return whole
    // Mark every character inside a window of a secret, then write each marked stretch as one ***.
    let hidden: Uint8Array | undefined
    for (let i = 0; i + SECRET_WINDOW <= whole.length; i++) {
      if (!windows.has(whole.slice(i, i + SECRET_WINDOW))) continue
      hidden ??= new Uint8Array(whole.length)
      hidden.fill(1, i, i + SECRET_WINDOW)
    }
    if (!hidden) return whole
    let out = ''
    for (let i = 0; i < whole.length; i++) {
      if (!hidden[i]) out += whole[i]
      // hidden[-1] is undefined: a stretch at the start begins one too.
      else if (!hidden[i - 1]) out += '***'
    }
    return out
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
      if (secret.length < SECRET_WINDOW) {
        if (!short.includes(secret)) short.push(secret)
        return
      }
      for (let i = 0; i + SECRET_WINDOW <= secret.length; i++) windows.add(secret.slice(i, i + SECRET_WINDOW))
    },
    redact,
    redactDeep
  }
}
