// "Not even in part": a secret counts as leaked when any 8 characters of it in a row show up.
export const LEAK_WINDOW = 8

/** The first piece of `secret` (LEAK_WINDOW characters or the whole of a shorter one) found in `text`. */
export function leakedPart(text: string, secret: string): string | undefined {
  if (secret === '') return undefined
  if (secret.length <= LEAK_WINDOW) return text.includes(secret) ? secret : undefined
  for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) {
    const part = secret.slice(i, i + LEAK_WINDOW)
    if (text.includes(part)) return part
  }
  return undefined
}

/** "place holds part of secret #n" for every leak, [] when none. */
export function leaks(places: Record<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = []
  secrets.forEach((secret, n) => {
    for (const [place, text] of Object.entries(places)) {
      if (leakedPart(text, secret) !== undefined) found.push(`${place} holds part of secret #${n} (${secret.slice(0, 4)}...)`)
    }
  })
  return found
}
