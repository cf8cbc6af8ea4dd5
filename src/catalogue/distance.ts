/**
 * Takes two strings, gives their Levenshtein distance: the fewest one-character insertions, deletions and
 * substitutions (UTF-16 code units) that turn one into the other. Stops counting past `limit` and gives
 * `limit + 1` then, so scanning a thousand names for the near ones stays cheap.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      best = Math.min(best, current[j]!)
    }
    if (best > limit) return limit + 1
    previous = current
  }
  return Math.min(previous[b.length]!, limit + 1)
}

/**
 * Takes a query and candidates, gives up to `count` candidates within `limit` of it, nearest first, ties in
 * code-unit order of the candidate's key: the "did you mean" of a typo.
 */
export function nearest<T>(query: string, candidates: Iterable<T>, keyOf: (candidate: T) => string, limit: number, count = 3): T[] {
  const near: { candidate: T; key: string; distance: number }[] = []
  for (const candidate of candidates) {
    const key = keyOf(candidate)
    const distance = editDistance(query, key, limit)
    if (distance <= limit) near.push({ candidate, key, distance })
  }
  near.sort((a, b) => a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return near.slice(0, count).map(({ candidate }) => candidate)
}
