// GitHub's limits on what a step writes (docs/feishu.md, "GitHub's limits"). Whatever a server sends, what the
// action writes stays inside them: lists shown are cut to their first rows, outputs share a budget.

/** The most rows of one list that the job summary or an annotation shows; the rest are counted ("and N more"). */
export const SHOWN_ROWS = 100

/**
 * All step outputs of a job share 1 MiB. The action keeps its own to half of that, so that the other steps of the
 * job keep room for theirs, counted as `outputSize` counts.
 */
export const OUTPUTS_BUDGET_BYTES = 512 * 1024

/**
 * The size of an output as the limit may count it: its UTF-8 bytes, or its UTF-16 bytes (2 per code unit, how
 * the runner holds strings: a public measurement saw a job fail between 520,000 and 530,000 one-byte characters),
 * whichever is more. So the budget holds counted either way: 262,144 ASCII characters, or 174,762 Chinese ones.
 */
export function outputSize(text: string): number {
  return Math.max(Buffer.byteLength(text, 'utf8'), 2 * text.length)
}

/** The first `max` items, and how many were left out. */
export function firstRows<T>(items: readonly T[], max = SHOWN_ROWS): { readonly rows: readonly T[]; readonly more: number } {
  return { rows: items.slice(0, max), more: Math.max(0, items.length - max) }
}

export interface FittedLists {
  /** Each list as a JSON array, cut where it had to be. */
  readonly values: Readonly<Record<string, string>>
  /** The lists that were cut: how many names each kept, of how many. */
  readonly cut: ReadonlyArray<{ readonly name: string; readonly kept: number; readonly total: number }>
}

/**
 * JSON arrays of names that fit `budgetBytes` together (as outputSize counts). A list that fits its share is whole; what it leaves is
 * shared by the larger ones, each of which keeps as many of its first names as fit (the lists are sorted).
 */
export function fitLists(lists: Readonly<Record<string, readonly string[]>>, budgetBytes: number): FittedLists {
  const bySize = Object.entries(lists)
    .map(([name, list]) => ({ name, list, size: outputSize(JSON.stringify(list)) }))
    .sort((a, b) => a.size - b.size)
  const values: Record<string, string> = {}
  const cut: Array<{ name: string; kept: number; total: number }> = []
  let left = budgetBytes
  bySize.forEach(({ name, list, size }, index) => {
    const share = Math.floor(left / (bySize.length - index))
    if (size <= share) {
      values[name] = JSON.stringify(list)
      left -= size
      return
    }
    // '[' and ']', then each name and its comma (both counted as outputSize counts them).
    let used = outputSize('[]')
    let kept = 0
    const cost = (item: string, index: number): number => outputSize(JSON.stringify(item)) + (index > 0 ? outputSize(',') : 0)
    while (kept < list.length && used + cost(list[kept]!, kept) <= share) {
      used += cost(list[kept]!, kept)
      kept++
    }
    values[name] = JSON.stringify(list.slice(0, kept))
    left -= used
    cut.push({ name, kept, total: list.length })
  })
  return { values, cut }
}
