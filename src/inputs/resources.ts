// 'required-access': the resources the app must reach, one a line (a browser link, a chat id, or KIND:ID), turned
// into typed resources of the kinds table (src/feishu/kinds.ts). Every bad line is said at once, quoting it.
import { KIND_NAMES, RESOURCE_KINDS, type Resource, type ResourceKind } from '../feishu/kinds.js'
import { REGIONS, type RegionName } from '../feishu/region.js'
import { isScopeName } from '../feishu/scopes.js'
import { quote } from '../output/text.js'
import { endpointGiven } from './endpoint.js'
import { InputError } from './error.js'
import { type Input, namesNothing, withoutUserInfo } from './values.js'

/** At most this many entries: with them every call stays inside its per-minute limit (100/min). */
export const MAX_ENTRIES = 50
/** Longer than any link a browser gives for these pages; a line this long is not a resource. */
const MAX_LINE_CHARS = 2048

/** Hosts that serve tenants' links, and the region each says (larkoffice.com serves both). */
const LINK_DOMAINS: ReadonlyArray<{ readonly domain: string; readonly region?: RegionName }> = [
  { domain: 'feishu.cn', region: 'feishu' },
  { domain: 'larksuite.com', region: 'lark' },
  { domain: 'larkoffice.com' }
]

const underDomain = (host: string, domain: string): boolean => host === domain || host.endsWith(`.${domain}`)

/**
 * Whether a link's host fits the API the action calls: any host under feishu.cn, larksuite.com or larkoffice.com
 * that is not the other region's, or, with a custom base URL (`region` undefined), any https host. `baseUrl`: the
 * 'base-url' the region comes from, when it was given. Returns the problem in words, or undefined.
 */
export function linkHostProblem(host: string, region: RegionName | undefined, baseUrl?: string): string | undefined {
  if (region === undefined) return undefined
  // A host written with the root's trailing dot (acme.feishu.cn.) is the same host.
  const known = LINK_DOMAINS.find(({ domain }) => underDomain(host.toLowerCase().replace(/\.$/, ''), domain))
  if (!known)
    return `its host ${host} is not under feishu.cn, larksuite.com or larkoffice.com, which serve tenants' documents (with a custom 'base-url', any https host is taken).`
  if (known.region && known.region !== region) {
    const other = REGIONS[known.region]
    // 'base-url' takes the place of 'region': name the input that applies.
    const why = baseUrl ? `'base-url' is '${baseUrl}' (${REGIONS[region].label})` : `'region' is '${region}' (${REGIONS[region].label})`
    const fix = baseUrl ? `set 'base-url' to '${other.baseUrl}'` : `set \`region: ${known.region}\``
    return `it is a ${other.label} link, but ${why}: an app reaches only the resources of its own region; ${fix} if the app is a ${other.label} app.`
  }
  return undefined
}

const EXPECTED =
  "Input 'required-access' takes one resource a line: a browser link to a Base (/base/TOKEN), document (/docx/ID, or a legacy /docs/ID), " +
  'spreadsheet (/sheets/TOKEN), wiki page (/wiki/TOKEN), wiki space (/wiki/settings/ID), Drive folder (/drive/folder/TOKEN) or file ' +
  '(/file/TOKEN), mind note (/mindnotes/TOKEN), presentation (/slides/TOKEN) or Minutes recording (/minutes/TOKEN); a chat id (oc_...) ' +
  `or a chat's applink; or KIND:ID, with KIND one of ${KIND_NAMES.join(', ')}. Add 'edit' after it to need edit rights, and '# a name' ` +
  "to label it; a line that starts with '#' is a comment."

export interface ParsedAccess {
  readonly resources: Resource[]
  /** One message per entry that cannot be read, each quoting the entry. */
  readonly problems: string[]
}

/**
 * Reads 'required-access': one resource a line, `edit` after it, a label after `#` (at the start or after
 * whitespace; a `#` inside a link is the link's). Blank lines are ignored. `region`: the region requests go to
 * (undefined for a custom base URL), which links must fit; `baseUrl`: the 'base-url' it comes from, if given. Never
 * throws: every bad entry is a problem that quotes it and says what is expected.
 */
export function parseRequiredAccess(value: string, region?: RegionName, baseUrl?: string): ParsedAccess {
  const resources: Resource[] = []
  const problems: string[] = []
  /** Where each resource was first named: its line. */
  const seen = new Map<string, number>()
  let unreadable = false
  for (const [index, raw] of value.split(/\r?\n/).entries()) {
    const line = raw.trim()
    // Blank lines, and lines that are only a '#' comment (an entry set aside), name nothing.
    if (line === '' || line.startsWith('#')) continue
    const where = `Input 'required-access', line ${index + 1} (${quote(withoutUserInfo(line), 120)})`
    const read = readLine(line)
    if (typeof read === 'string') {
      problems.push(`${where}: ${read}`)
      unreadable = true
      continue
    }
    const wrongHost = read.host && linkHostProblem(read.host, region, baseUrl)
    const first = seen.get(`${read.kind}:${read.id}`)
    if (wrongHost) problems.push(`${where}: ${wrongHost}`)
    else if (first !== undefined) {
      const edit = RESOURCE_KINDS[read.kind].edit === undefined ? '' : ", with 'edit' if it must be editable"
      problems.push(`${where} names the same ${RESOURCE_KINDS[read.kind].noun} as line ${first}: list it once${edit}.`)
    } else {
      seen.set(`${read.kind}:${read.id}`, index + 1)
      resources.push(read)
    }
  }
  // What a line may hold, said once after the lines that hold something else.
  if (unreadable) problems.push(EXPECTED)
  if (resources.length > MAX_ENTRIES) {
    problems.push(
      `Input 'required-access' has ${resources.length} entries: at most ${MAX_ENTRIES}, so that the checks stay inside Feishu's rate limits. Check the resources the workflow really uses.`
    )
  }
  return { resources, problems }
}

/** One line as a resource, or what is wrong with it and what is expected. */
function readLine(line: string): Resource | string {
  if (line.length > MAX_LINE_CHARS) return `it is longer than ${MAX_LINE_CHARS} characters.`
  const hash = /(^|\s)#/.exec(line)
  const body = (hash ? line.slice(0, hash.index) : line).trim()
  const label = hash ? line.slice(hash.index + hash[0].length).trim() : ''
  if (body.includes(',')) return 'one resource a line: put each on a line of its own (commas do not separate them, as in required-scopes).'
  if (/^[-*] /.test(body)) return "a list marker starts this line: write each resource on a line of its own, without '- ' before it."
  const words = body.split(/\s+/).filter(Boolean)
  const edit = words.length === 2 && words[1]!.toLowerCase() === 'edit'
  // The full-width sign is what a Chinese input method types: name it, for it looks like the one that starts a label.
  const fullWidth = body.includes('＃') ? " A label starts with the ASCII '#' after a space, not the full-width '＃'." : ''
  if (words.length > 2 || (words.length === 2 && !edit)) {
    return `one resource a line, and after it only the word 'edit' (and a label after '#').${fullWidth}`
  }
  const read = readReference(words[0]!)
  if (typeof read === 'string') {
    const space =
      fullWidth === '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(words[0]!) && words[0]!.includes('#')
        ? " A label needs a space before its '#'."
        : ''
    return `${read}.${fullWidth}${space}`
  }
  if (edit && RESOURCE_KINDS[read.kind].edit === undefined) return noEditCheck(read.kind)
  return { ...read, edit, ...(label !== '' && { label }), entry: edit ? `${words[0]} edit` : words[0]! }
}

/** Why 'edit' cannot be asked of a kind, and what to do instead. */
function noEditCheck(kind: ResourceKind): string {
  if (kind === 'folder') {
    return (
      "'edit' does not apply to a Drive folder: no read-only call answers for edit rights on a folder, so the check is that the app " +
      "can read it. Leave 'edit' out. To give the app edit rights on a folder, share the folder, with edit, with a group that holds " +
      "the app's bot."
    )
  }
  const check = kind === 'chat' ? "that the app's bot is in the chat" : 'that the app can read it'
  return `'edit' does not apply to a ${RESOURCE_KINDS[kind].noun}: the check is ${check}. Leave 'edit' out.`
}

/** Kinds people write by another name: the name they meant. */
const KIND_ALIASES: Readonly<Record<string, ResourceKind>> = { bitable: 'base', sheets: 'sheet', document: 'docx', docs: 'doc' }

/** A link, a chat id or KIND:ID, or what is wrong with it. */
function readReference(ref: string): Pick<Resource, 'kind' | 'id' | 'host'> | string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) return readLink(ref)
  if (/^oc_/.test(ref)) return checkId('chat', ref)
  const colon = ref.indexOf(':')
  if (colon === -1) {
    // acme.feishu.cn/base/... : an address bar shows links without their scheme.
    const bare = /^[^/]+\.[^/]+\//.test(ref) ? ': a link starts with https://, copy the whole address' : ''
    return `this is neither a link, a chat id (oc_...) nor KIND:ID${bare}`
  }
  const kind = ref.slice(0, colon).toLowerCase()
  if (kind === 'https' || kind === 'http') return 'a link starts with https:// (two slashes)'
  if (kind === '') return `KIND:ID needs its kind before the colon, one of ${KIND_NAMES.join(', ')}`
  if (!(KIND_NAMES as string[]).includes(kind)) {
    const alias = Object.hasOwn(KIND_ALIASES, kind) ? `: write it as ${KIND_ALIASES[kind]}:ID` : ''
    const scope = isScopeName(ref) && !alias ? ` (a permission scope, such as ${quote(ref, 60)}, goes in 'required-scopes')` : ''
    return `${quote(ref.slice(0, colon), 40)} is not a kind this action checks${alias}${scope}`
  }
  return checkId(kind as ResourceKind, ref.slice(colon + 1))
}

function checkId(kind: ResourceKind, id: string): Pick<Resource, 'kind' | 'id'> | string {
  const row = RESOURCE_KINDS[kind]
  if (!row.id.test(id)) return `a ${row.noun}'s id is ${row.idShape}`
  return { kind, id }
}

function readLink(ref: string): Pick<Resource, 'kind' | 'id' | 'host'> | string {
  let url: URL
  try {
    url = new URL(ref)
  } catch {
    return 'this is not a valid link'
  }
  if (url.protocol !== 'https:') return `links start with https://, not ${url.protocol}//`
  if (url.username !== '' || url.password !== '') return 'a link to a resource has no user name or password'
  for (const kind of KIND_NAMES) {
    for (const form of RESOURCE_KINDS[kind].links ?? []) {
      const match = form.path.exec(url.pathname)
      if (match) return linkId(kind, form, match, url)
    }
  }
  return LINK_HINTS.find(({ path }) => path.test(url.pathname))?.hint ?? OTHER_LINK
}

/** The id a link of a kind's form gives: a path segment (percent-escaped), or a query parameter. */
function linkId(
  kind: ResourceKind,
  form: { readonly param?: string },
  match: RegExpExecArray,
  url: URL
): Pick<Resource, 'kind' | 'id' | 'host'> | string {
  let id: string | null
  try {
    id = form.param === undefined ? decodeURIComponent(match[1]!) : url.searchParams.get(form.param)
  } catch {
    return 'its path has a bad percent-escape'
  }
  if (id === null)
    return `a link of this form names its ${RESOURCE_KINDS[kind].noun} in its '${form.param}' parameter, which this one lacks`
  const checked = checkId(kind, id)
  return typeof checked === 'string' ? checked : { ...checked, host: url.hostname }
}

const OTHER_LINK =
  'this link is not to a chat, Base, document, spreadsheet, wiki page or space, Drive folder or file, mind note, presentation or Minutes recording'

/** Links people copy that name no resource of their own, and what to write instead. */
const LINK_HINTS: ReadonlyArray<{ readonly path: RegExp; readonly hint: string }> = [
  {
    path: /^\/share\/base\/form\//,
    hint: "this is a Base form shared for filling in: its token is the share's, not the Base's; list the Base the form fills instead (its /base/ link)"
  },
  {
    path: /^\/wiki\/(settings|space)\/?$/,
    hint: "this wiki space link has no space id: open the space's settings and copy the whole address (/wiki/settings/ and its number), or write wiki-space:ID"
  }
]

/** 'required-access' as resources; a link must fit the region requests go to. Throws an InputError with every bad line. */
export function parseAccess(value: string, input: Input): Resource[] {
  if (namesNothing(value, input)) return []
  const { region, baseUrl } = regionOf(input)
  const { resources, problems } = parseRequiredAccess(value, region, baseUrl)
  if (problems.length > 0) throw new InputError(problems.join('\n'), {}, problems.at(-1) === EXPECTED ? EXPECTED : undefined)
  return resources
}

/**
 * The region requests go to, and the 'base-url' it comes from when that is given; no region for a custom base URL, or
 * 'region' or 'base-url' bad.
 */
function regionOf(input: Input): { region?: RegionName; baseUrl?: string } {
  const given = endpointGiven(input)
  if (!given?.endpoint.region) return {}
  return { region: given.endpoint.region, ...(given.byBaseUrl && { baseUrl: given.endpoint.baseUrl }) }
}
