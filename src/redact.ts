/**
 * The run's secrets, and the one way to take them out of text. Outside text is redacted as it arrives,
 * before anything shortens, strips or escapes it: a secret cut in two or escaped is no longer found.
 */
export interface Redactor {
  /** Adds a secret; every later `redact` replaces it with `***`. */
  add(secret: string): void
  redact(text: string): string
  /** A parsed JSON value with every string in it redacted (keys are never shown, so they stay). */
  redactDeep(value: unknown): unknown
}

export function createRedactor(): Redactor {
  const secrets: string[] = []
  const redact = (text: string): string => secrets.reduce((out, secret) => out.split(secret).join('***'), text)
  const redactDeep = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value)
    if (Array.isArray(value)) return value.map(redactDeep)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactDeep(inner)]))
    }
    return value
  }
  return {
    add: secret => {
      if (secret !== '' && !secrets.includes(secret)) secrets.push(secret)
    },
    redact,
    redactDeep
  }
}
