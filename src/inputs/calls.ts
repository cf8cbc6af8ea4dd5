// 'required-calls': the API calls the automation makes, one a line, as a script or its documentation writes them (a
// method and path, the URL a script sends, or the SDK's name of the call), each resolved to a call of Feishu's API
// catalogue (src/catalogue/). Every bad line is said at once, quoting it; the catalogue is read only when the input
// names a call.
import type { Catalogue, Call, TenantCall } from '../catalogue/catalogue.js'
import { loadCatalogue } from '../catalogue/load.js'
import { type Match, matchCall } from '../catalogue/match.js'
import { type Endpoint, REGIONS } from '../feishu/region.js'
import { quote } from '../output/text.js'
import { endpointGiven } from './endpoint.js'
import { InputError } from './error.js'
import { type Input, namesNothing, withoutUserInfo } from './values.js'

/** One call the app must be able to make: one line of 'required-calls'. */
export interface RequiredCall {
  /** The call as written, without its label: what 'missing-calls' lists. */
  readonly written: string
  /** The name the workflow gave it after `#`: text of the workflow file, shown only quoted. */
  readonly label?: string
  readonly call: TenantCall
}

/** At most this many calls: an automation makes fewer; the check stays quick and its words short. */
export const MAX_CALLS = 200
/** Longer than any URL a script sends to the API; a line this long is not a call. */
const MAX_LINE_CHARS = 2048

const EXPECTED =
  "Input 'required-calls' takes one call a line: the method and path as the API's documentation writes them " +
  '(POST /open-apis/im/v1/messages; {chat_id} or :chat_id), the URL or path a script sends (GET https://open.feishu.cn/open-apis/im/v1/chats/oc_.../members/is_in_chat), ' +
  "or the SDK's name of the call (im.v1.message.create, im.message.create or im_message_create); '# a name' after it labels it, and a line " +
  "that starts with '#' is a comment."

/** A call in words: its method, template and operationId. */
export const callName = (call: Call): string => `${call.method} ${call.path} (${call.operationId})`

export interface ParsedCalls {
  readonly calls: RequiredCall[]
  /** One message per line that cannot be read, each quoting the line. */
  readonly problems: string[]
}

/**
 * Reads 'required-calls' against `catalogue`: one call a line, a label after `#` (at the start or after white space:
 * a `#` inside a URL is the URL's), blank and `#` lines skipped. A URL's host must be that of `endpoint` (when known).
 * Never throws: every bad line is a problem that quotes it (credentials hidden) and says what is expected.
 */
export function parseRequiredCalls(value: string, catalogue: Catalogue, endpoint?: Endpoint, byBaseUrl = false): ParsedCalls {
  const calls: RequiredCall[] = []
  const problems: string[] = []
  /** Where each call was first named: its line. */
  const seen = new Map<Call, number>()
  let unreadable = false
  for (const [index, raw] of value.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const where = `Input 'required-calls', line ${index + 1} (${quote(withoutUserInfo(line), 120)})`
    const read = readLine(line, catalogue, endpoint, byBaseUrl)
    if (typeof read === 'string') {
      problems.push(`${where}: ${read}`)
      unreadable ||= read === UNREADABLE
      continue
    }
    const first = seen.get(read.call)
    if (first !== undefined) {
      problems.push(`${where} names the same call as line ${first}, ${callName(read.call)}: list it once.`)
      continue
    }
    seen.set(read.call, index + 1)
    calls.push(read)
  }
  if (unreadable) problems.push(EXPECTED)
  if (calls.length > MAX_CALLS) {
    problems.push(`Input 'required-calls' names ${calls.length} calls: at most ${MAX_CALLS}. List the calls the workflow's own steps make.`)
  }
  return { calls, problems }
}

const CREDENTIALS = "a call's URL carries no user name or password (the token goes in a header): write the path alone."
const NOT_A_HOST =
  "its host is not a host name (letters, digits, dots and hyphens, then a port if any), nor is a user name or password part of a call's URL: write the path alone."
/** A host name or address, and a port: what a URL a script sends to the API has. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i

const UNREADABLE = "this is not a call: write its method and path, the URL or path a script sends, or the SDK's name of the call."

/** One line as a call, or what is wrong with it and what to do. */
function readLine(line: string, catalogue: Catalogue, endpoint: Endpoint | undefined, byBaseUrl: boolean): RequiredCall | string {
  if (line.length > MAX_LINE_CHARS) return `it is longer than ${MAX_LINE_CHARS} characters.`
  // The line is trimmed and does not start with '#'.
  const hash = /\s#/.exec(line)
  const written = (hash ? line.slice(0, hash.index) : line).trim().replace(/\s+/g, ' ')
  const label = hash ? line.slice(hash.index + hash[0].length).trim() : ''
  // A URL with a user name or password: never echoed, never kept (withoutUserInfo hides it in the quoted line).
  if (/^(\S+ )?https?:\/\/[^/\s]*@/i.test(written)) return CREDENTIALS
  const match = matchCall(catalogue, written)
  if (match.kind === 'unreadable') return UNREADABLE
  // A host that is no host name (a password with a '/' in it reads as one): refused without echoing it.
  if (match.host !== undefined && !HOST.test(match.host)) return NOT_A_HOST
  const wrongHost = match.host !== undefined && endpoint && hostProblem(match.host, endpoint, byBaseUrl)
  if (wrongHost) return wrongHost
  const problem = resolutionProblem(match, catalogue)
  if (problem) return problem
  return { written, ...(label !== '' && { label }), call: (match as Extract<Match, { kind: 'call' }>).call }
}

/** What is wrong with a line the catalogue read, or undefined when it names one call a tenant token can make. */
function resolutionProblem(match: Exclude<Match, { kind: 'unreadable' }>, catalogue: Catalogue): string | undefined {
  const date = catalogue.source.date.slice(0, 10)
  switch (match.kind) {
    case 'not-tenant':
      return `${callName(match.call)} does not accept a tenant token: ${TAKES[match.call.tokens.join(',')] ?? TAKES.user}, so the app's tenant token can never make it. Take it out of 'required-calls'.`
    case 'wrong-method':
      return `this path has no ${match.method} call: it has ${match.calls.map(callName).join(', ')}.`
    case 'ambiguous':
      return (
        `this names ${match.calls.length} calls: ${match.calls.slice(0, 5).map(callName).join(', ')}${match.calls.length > 5 ? ', ...' : ''}: ` +
        `write ${match.form === 'name' ? 'its method and path instead' : 'the method before the path'}.`
      )
    case 'unknown':
      return (
        `Feishu's API catalogue (of ${date}) has no such call${match.nearest.length > 0 ? `; the nearest: ${match.nearest.map(callName).join(', ')}` : ''}. ` +
        "For a call the catalogue does not have (newer than it, or left out of it), list the scopes its documentation names in 'required-scopes' instead."
      )
  }
}

/** What a call that does not accept a tenant token takes instead, by its token types. */
const TAKES: Readonly<Record<string, string>> = {
  user: 'it is made with a user access token (on behalf of a signed-in user)',
  app: 'it is made with an app access token',
  'app,user': 'it is made with a user or an app access token',
  '': 'it is one of the calls that issue tokens, and takes none'
}

/** A URL of another host than the API this run calls: the other region's, or another server's. */
function hostProblem(written: string, endpoint: Endpoint, byBaseUrl: boolean): string | undefined {
  const { host: api, protocol } = new URL(endpoint.baseUrl)
  // As a URL parser reads it, without the dot that may end a host name: open.feishu.cn.:443 is open.feishu.cn.
  const host = new URL(`${protocol}//${written}`).host.replace(/\.(?=$|:)/, '')
  if (host === api) return undefined
  const other = Object.values(REGIONS).find(region => new URL(region.baseUrl).host === host)
  const setting = byBaseUrl ? `'base-url' is '${endpoint.baseUrl}'` : `'region' is '${endpoint.region}'`
  return other && !byBaseUrl
    ? `it is a call to ${other.label} (${host}), but ${setting} (${api}): an app's calls go to its own region; set \`region: ${other.name}\` if the app is a ${other.label} app.`
    : `its host ${host} is not the API this run calls (${api}, as ${setting}): write the path alone, or the URL of that host.`
}

/** 'required-calls' as calls of the catalogue, read only when the input names one. Throws an InputError with every bad line. */
export function parseCalls(value: string, input: Input): RequiredCall[] {
  if (namesNothing(value, input)) return []
  const given = endpointGiven(input)
  const { calls, problems } = parseRequiredCalls(value, loadCatalogue(), given?.endpoint, given?.byBaseUrl)
  if (problems.length > 0) throw new InputError(problems.join('\n'))
  return calls
}
