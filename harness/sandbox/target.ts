// A request's target as the sandbox reads it: the path and query of an origin-form target, and its percent-escapes.

/** The path and query of a request's target (origin-form, as clients send it), or undefined for anything else. */
export function parseTarget(target: string): URL | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined
  try {
    return new URL(target, 'http://sandbox.invalid')
  } catch {
    return undefined
  }
}

/** A path segment's text, or null when its escapes do not decode (a lone `%`, broken UTF-8). */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
