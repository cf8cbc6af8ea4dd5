// A call named by its path: the documented template (/open-apis/im/v1/chats/{chat_id}/members, or :chat_id as
// Feishu's docs also write it) or a concrete path a script sends (/open-apis/im/v1/chats/oc_a0553e.../members).
// Matched segment by segment: a template's `{param}` takes any one segment, any other segment only itself.
import type { Call, Catalogue } from './catalogue.js'
import { editDistance } from './distance.js'
import { perCatalogue } from './lazy.js'

interface Template {
  readonly call: Call
  readonly segments: readonly string[]
  /** Per segment: true for a `{param}`. */
  readonly params: readonly boolean[]
}

/**
 * Takes a path (starting with '/', no query), gives its segments: percent-escapes decoded where they decode, and a
 * trailing `/` dropped (one template, GET /open-apis/hire/v1/talent_pools/, is documented with one).
 */
export function segmentsOf(path: string): string[] {
  const segments = path.slice(1).replace(/\/$/, '').split('/')
  return segments.map(segment => {
    try {
      return decodeURIComponent(segment)
    } catch {
      return segment
    }
  })
}

/** A template's `{param}`: the catalogue's parameters are whole segments so (scripts/catalogue/operations.ts checks). */
const isParam = (segment: string) => segment.startsWith('{')

// Plain loops, and templates split without decoding (they have no escapes): built once, cold (see decodeCatalogue).
const templatesByLength = perCatalogue(catalogue => {
  const byLength = new Map<number, Template[]>()
  for (const calls of [catalogue.tenantCalls, catalogue.otherCalls]) {
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!
      const segments = call.path.split('/')
      segments.shift()
      if (segments[segments.length - 1] === '') segments.pop()
      const params: boolean[] = []
      for (let j = 0; j < segments.length; j++) params.push(isParam(segments[j]!))
      const same = byLength.get(segments.length)
      if (same) same.push({ call, segments, params })
      else byLength.set(segments.length, [{ call, segments, params }])
    }
  }
  return byLength
})

const fits = (template: Template, segments: readonly string[]) =>
  template.segments.every((segment, i) => template.params[i] || segment === segments[i])

/** -1 when a is more specific: at the first segment where one has a literal and the other a parameter, the literal. */
function bySpecificity(a: Template, b: Template): number {
  const at = a.params.findIndex((param, i) => param !== b.params[i])
  return at === -1 ? 0 : a.params[at] ? 1 : -1
}

/**
 * Takes path segments, gives the calls whose template matches them, grouped by template shape, the most specific
 * first: at the first segment where two differ, a literal beats a parameter, so /open-apis/wiki/v2/spaces/get_node
 * is GET spaces/get_node before GET spaces/{space_id}. Within a group, by method. None: an empty list.
 */
export function callsAt(catalogue: Catalogue, segments: readonly string[]): Call[][] {
  const matching = (templatesByLength(catalogue).get(segments.length) ?? []).filter(template => fits(template, segments))
  matching.sort((a, b) => bySpecificity(a, b) || (a.call.method < b.call.method ? -1 : 1))
  const groups: Template[][] = []
  for (const template of matching) {
    const last = groups.at(-1)
    if (last && bySpecificity(last[0]!, template) === 0) last.push(template)
    else groups.push([template])
  }
  return groups.map(group => group.map(template => template.call))
}

/** A segment with at most half its characters changed is a typo of the other (its share); more, another word (1). */
function segmentChange(given: string, wanted: string): number {
  const longer = Math.max(given.length, wanted.length)
  const distance = editDistance(given, wanted, Math.floor(longer / 2))
  return distance <= longer / 2 ? distance / longer : 1
}

/**
 * Cost of turning the given segments into a template's: a segment changed costs segmentChange (so `message` for
 * `messages` is cheap), one added or dropped costs 1, a parameter takes any segment free.
 */
function pathDistance(segments: readonly string[], template: Template, change: (given: string, wanted: string) => number): number {
  let previous = Array.from({ length: template.segments.length + 1 }, (_, j) => j)
  for (let i = 1; i <= segments.length; i++) {
    const current = [i]
    for (let j = 1; j <= template.segments.length; j++) {
      const given = segments[i - 1]!
      const wanted = template.segments[j - 1]!
      const changed = template.params[j - 1] ? 0 : change(given, wanted)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + changed)
    }
    previous = current
  }
  return previous[template.segments.length]!
}

/** Far enough for a typo in two segments, or a segment missing; not for a different call. */
const NEAR = 1.5
/** Another method than the one given counts as half a segment. */
const OTHER_METHOD = 0.5

/**
 * Takes the segments of a path that matches no call (and its method, when given), gives up to 3 calls whose
 * templates are near it by pathDistance, nearest first, then in path order.
 */
export function callsNear(catalogue: Catalogue, segments: readonly string[], method?: string): Call[] {
  const scored: { call: Call; distance: number }[] = []
  // Templates share most segments (open-apis, v1, the project): each pair is measured once.
  const known = new Map<string, Map<string, number>>(segments.map(segment => [segment, new Map()]))
  const change = (given: string, wanted: string) => {
    const costs = known.get(given)!
    if (!costs.has(wanted)) costs.set(wanted, segmentChange(given, wanted))
    return costs.get(wanted)!
  }
  for (const templates of templatesByLength(catalogue).values()) {
    for (const template of templates) {
      // More than a segment added or dropped is past NEAR.
      if (Math.abs(template.segments.length - segments.length) > 1) continue
      const distance = pathDistance(segments, template, change) + (method && method !== template.call.method ? OTHER_METHOD : 0)
      if (distance <= NEAR) scored.push({ call: template.call, distance })
    }
  }
  const order = (a: Call, b: Call) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : 1)
  scored.sort((a, b) => a.distance - b.distance || order(a.call, b.call))
  return scored.slice(0, 3).map(({ call }) => call)
}
