// What a failed request means: one row per kind of failure, holding its words, the short phrase of a retry line, and
// whether another attempt can help. Feishu's own codes are rows of codes.ts; the network's words are network.ts's.
// The sentence is composed once, by describeFailure, where the app, endpoint and proxy are known.
import type { Call, CallContext, Context, Failure, FailureKind, RequestError } from '../feishu/failure.js'
import { RESOURCE_KINDS, type Resource, resourceName } from '../feishu/kinds.js'
import { quote } from '../output/text.js'
import { codeRow } from './codes.js'
import { HTTP_PARSER, hostOf, isTlsErrno, networkRow, networkWords, proxyNetworkWords, proxyRefusedWords, timeoutWords } from './network.js'
import { enableBot, say, serverName } from './phrases.js'

interface FailureKindRow<F extends Failure> {
  /** Whether another attempt can help. */
  readonly retried: (failure: F) => boolean
  /** One short phrase, for a retry line or a debug line. */
  readonly short: (failure: F) => string
  /** What happened and what to do, and the facts to quote after it. */
  readonly explain: (failure: F, c: CallContext) => { readonly text: string; readonly facts: string[] }
}

/** Overloaded or failing gateways may do better on the next attempt; anything else will say the same again. */
const retriedByStatus = (status: number): boolean => status === 429 || status >= 500

const ERROR_CODE_LIST = 'https://open.feishu.cn/document/server-docs/getting-started/server-error-codes'

/** A Feishu code: its row's words, or, for a code this action does not know, what it most likely means on this call. */
function feishuWords(f: Extract<Failure, { kind: 'feishu' }>, c: CallContext): { text: string; facts: string[] } {
  const row = codeRow(f.code, f.msg)
  const facts = [`code ${f.code}`, `msg ${quote(f.msg)}`, `HTTP ${f.status}`]
  if (f.troubleshooter) facts.push(`troubleshooter ${f.troubleshooter}`)
  if (f.scopes && f.scopes.length > 0) facts.push(`scopes named: ${f.scopes.join(', ')}`)
  if (row) return { text: `${say(row.meaning, { ...c, msg: f.msg })}. ${say(row.fix, { ...c, msg: f.msg })}`, facts }
  // A code the call's own words could explain only when the server meant it: an overloaded gateway's (429, 5xx) is not.
  const hint = retriedByStatus(f.status) ? undefined : CALLS[c.call].unknownCode?.(c)
  return {
    text:
      `${serverName(c.endpoint)} answered with an error this action does not know. ${hint ? `${hint} ` : ''}` +
      `Look the code up in the Open Platform error code list (${ERROR_CODE_LIST}), or give the log id to Feishu support.`,
    facts
  }
}

const FAILURE_KINDS: { readonly [K in FailureKind]: FailureKindRow<Extract<Failure, { kind: K }>> } = {
  feishu: {
    retried: f => {
      const retry = codeRow(f.code, f.msg)?.retry
      return retry === 'never' ? false : retry === 'always' || retriedByStatus(f.status)
    },
    short: f => `code ${f.code} (HTTP ${f.status})`,
    explain: feishuWords
  },
  network: {
    retried: f => !isTlsErrno(f.errno) && networkRow(f.errno).retried,
    short: f => f.errno,
    explain: (f, c) => ({ text: networkWords(f, c), facts: [f.errno] })
  },
  'proxy-network': {
    retried: f => !isTlsErrno(f.errno) && !f.errno.startsWith('HPE_') && networkRow(f.errno).retried,
    short: f => `proxy: ${f.errno}`,
    explain: (f, c) => ({ text: proxyNetworkWords(f, c), facts: [f.errno] })
  },
  'proxy-refused': {
    // A proxy that could not reach the server, or is overloaded, may do better next time.
    retried: f => f.status >= 500,
    short: f => `the proxy answered ${f.status}`,
    explain: (f, c) => ({ text: proxyRefusedWords(f, c), facts: [] })
  },
  timeout: {
    retried: () => true,
    short: f =>
      f.notSent
        ? 'not sent: no time left'
        : f.atProxy
          ? 'no tunnel from the proxy in time'
          : f.limit === 'attempt'
            ? `no answer in ${f.timeoutMs / 1000} s`
            : 'no answer in time',
    explain: (f, c) => ({
      text: timeoutWords(
        f,
        c,
        c.resource && {
          why: pacing(c.resource.kind),
          fix: "Raise 'timeout-seconds', or list fewer resources."
        }
      ),
      facts: []
    })
  },
  'bad-http': {
    retried: () => false,
    short: f => `not valid HTTP (${f.code})`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} sent an answer that is not valid HTTP (${HTTP_PARSER[f.code] ?? "Node's HTTP parser refused it"}), ` +
        `so it cannot be used. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
      facts: [f.code]
    })
  },
  redirect: {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} answered with a redirect${f.location ? ` to ${redirectTarget(f.location, c.endpoint.baseUrl)}` : ''}. ` +
        "The action never follows redirects, so the App Secret and token are never sent to another host: point 'base-url' (or 'region') at the API host itself.",
      facts: [`HTTP ${f.status}`]
    })
  },
  'not-json': {
    retried: f => retriedByStatus(f.status),
    short: f => `HTTP ${f.status}, not JSON`,
    explain: (f, c) => ({
      text:
        `${serverName(c.endpoint)} answered with ${f.bytes === 0 ? 'an empty body' : 'a body that is not JSON'}` +
        `${f.contentType ? ` (content type ${quote(f.contentType, 100)})` : ''}, so it is probably not the Open Platform API, ` +
        `or a proxy or gateway answered in its place${f.status >= 500 ? ' with an error page' : ''}. Check 'base-url' and any proxy between the runner and ${hostOf(c)}.`,
      facts: [`HTTP ${f.status}`, `${f.bytes} bytes`]
    })
  },
  http: {
    retried: f => retriedByStatus(f.status),
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered HTTP ${f.status} without an Open Platform error code${f.status >= 500 ? ': the service or a gateway in front of it is having trouble; try again later' : ''}.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  'too-large': {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} sent a body larger than ${f.limitBytes / 1024 / 1024} MiB; the action stopped reading. No Open Platform answer is that large: check 'base-url' and any proxy.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  truncated: {
    retried: () => true,
    short: f => `connection closed mid-answer (HTTP ${f.status})`,
    explain: (f, c) => ({ text: `the connection to ${hostOf(c)} closed before the whole answer arrived.`, facts: [`HTTP ${f.status}`] })
  },
  'no-code': {
    retried: () => false,
    short: f => `HTTP ${f.status}, no code`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered with JSON that has no numeric 'code', so it is not an Open Platform answer. Check 'base-url' and any proxy or gateway between the runner and ${hostOf(c)}.`,
      facts: [`HTTP ${f.status}`]
    })
  },
  malformed: {
    retried: () => false,
    short: f => `HTTP ${f.status}`,
    explain: (f, c) => ({
      text: `${serverName(c.endpoint)} answered code 0 but ${f.detail}, so the answer cannot be used. Check 'base-url'.`,
      facts: [`HTTP ${f.status}`]
    })
  }
}

const failureRowOf = <F extends Failure>(failure: F): FailureKindRow<F> => FAILURE_KINDS[failure.kind] as unknown as FailureKindRow<F>

interface CallRow {
  /** How the sentence starts. */
  readonly what: (c: CallContext) => string
  /** What a code this action does not know most likely means on this call. */
  readonly unknownCode?: (c: CallContext) => string
}

const CALLS: Readonly<Record<Call, CallRow>> = {
  token: { what: () => 'Could not get a tenant access token' },
  scopes: { what: () => "Could not list the app's scopes" },
  apply: { what: () => "Could not ask the tenant admin to approve the app's pending scopes" },
  bot: {
    what: () => "Could not check the app's bot",
    // Feishu does not document every code an app without a bot gets here.
    unknownCode: c => `If the app has no bot: ${enableBot(c)}.`
  },
  access: { what: c => `Could not check ${c.resource ? resourceName(c.resource) : 'a resource'}` },
  edit: { what: c => `Could not check the edit rights on ${c.resource ? resourceName(c.resource) : 'a resource'}` }
}

/** Whether another attempt can help. */
export const isRetried = (failure: Failure): boolean => failureRowOf(failure).retried(failure)

/** One short phrase, for a retry line or a debug line. */
export const shortFailure = (failure: Failure): string => failureRowOf(failure).short(failure)

/** How a failure is logged when the call's answer is only reported, not acted on. */
export const reportLevel = (failure: Failure): 'info' | 'warning' =>
  (failure.kind === 'feishu' && codeRow(failure.code, failure.msg)?.level) || 'warning'

/** The whole sentence: which call failed (about which resource), what it means and what to do, then the facts and the log id. */
export function describeFailure(error: RequestError, context: Context, resource?: Resource): string {
  const c: CallContext = { ...context, call: error.call, ...(resource && { resource }) }
  const { text, facts } = failureRowOf(error.failure).explain(error.failure, c)
  const all = error.logId ? [...facts, `log id ${error.logId}`] : facts
  return `${CALLS[error.call].what(c)}: ${text}${all.length > 0 ? ` (${all.join(', ')})` : ''}`
}

/** Where a redirect points, resolved as a client would (`//host/x` and `/\\host` are other hosts). */
function redirectTarget(location: string, baseUrl: string): string {
  let target: URL
  try {
    target = new URL(location, baseUrl)
  } catch {
    return `a location that is not a URL (${quote(location, 100)})`
  }
  // A parsed host has no spaces, controls or credentials: safe to show as it is.
  return target.host === new URL(baseUrl).host ? `another path on the same host (${quote(target.pathname, 100)})` : target.host
}

/** Why a resource check waited for its turn: the checks go a few at a time, and its kind within its rate limit. */
function pacing(kind: Resource['kind']): string {
  const { noun, perSecond } = RESOURCE_KINDS[kind]
  return `the checks go a few at a time${perSecond === undefined ? '' : `, ${noun}s at most ${perSecond} a second`}`
}
