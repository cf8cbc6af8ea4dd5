import {
  type AccessResult,
  type AccessTools,
  type Classify,
  MAX_IN_FLIGHT,
  checkAccess,
  refusedEveryCall
} from '../../src/checks/access.js'
import type { FeishuClient } from '../../src/feishu/client.js'
import { type Failure, RequestError } from '../../src/feishu/failure.js'
import { PERMISSION_CALL, RESOURCE_KINDS, type Resource, type ResourceKind, scopesOfCall } from '../../src/feishu/kinds.js'
import { parseRequiredAccess } from '../../src/inputs/resources.js'
import { classify } from '../../src/words/codes.js'
import type { RetryPolicy } from '../../src/feishu/retry.js'
import { isRetried, shortFailure } from '../../src/words/failures.js'

const TOKEN = 't-g1044qeGEDXTB6NDJOGV4JQX6JVEZAMDDPHD0ZTG'
const START = 1_000_000

/** The resources of a 'required-access' input. */
function resources(input: string): Resource[] {
  const { resources, problems } = parseRequiredAccess(input)
  expect(problems).toEqual([])
  return resources
}

const feishuError = (code: number, extra: Partial<Failure & { kind: 'feishu' }> = {}, logId = 'LOG') =>
  new RequestError({ kind: 'feishu', code, msg: '', status: 400, ...extra }, 'access', logId)

type Answer = unknown | RequestError | Error

/** The name each kind's read call is recorded by (what it reads). */
const METHOD: Record<ResourceKind, string> = {
  chat: 'isInChat',
  base: 'base',
  docx: 'document',
  sheet: 'spreadsheet',
  wiki: 'wikiNode',
  'wiki-space': 'wikiSpace',
  folder: 'folder',
  calendar: 'calendarRole',
  doc: 'permission',
  file: 'permission',
  mindnote: 'permission',
  slides: 'permission',
  minutes: 'permission'
}
/** Where each document-like kind's answer holds the resource. */
const FIELD: Partial<Record<ResourceKind, string>> = {
  base: 'app',
  docx: 'document',
  sheet: 'spreadsheet',
  wiki: 'node',
  'wiki-space': 'space'
}

/**
 * The `data` of a read call's answer, as Feishu sends it: for a chat and a calendar, the fact it was told (`value`);
 * for a wiki page, the node (what it holds).
 */
function dataOf({ kind, id }: Resource, said: { value?: unknown } | undefined): Record<string, unknown> {
  if (kind === 'chat') return { is_in_chat: said?.value ?? true }
  if (kind === 'wiki') return { node: said?.value ?? {} }
  if (kind === 'calendar') return { role: said?.value ?? 'writer' }
  if (kind === 'folder') return { metas: [{ doc_token: id }], failed_list: [] }
  if (METHOD[kind] === 'permission') return { auth_result: said?.value ?? true }
  return { [FIELD[kind]!]: {} }
}

type Method = (token: string, id: string, remainingMs: number) => Promise<unknown>

/**
 * A Feishu client that answers each resource id as told (a value, or an error to throw), on a clock that moves only
 * when the code sleeps, and records every call: which method, for which id, when, and with how much time left. Its
 * read call reads the answer as the real client does (the kinds table); `methods` stand in for a kind's call.
 */
function fakeFeishu(answers: Record<string, Answer> = {}, editAnswers: Record<string, Answer> = {}, methods: Record<string, Method> = {}) {
  let now = START
  const calls: Array<{ method: string; id: string; at: number; remainingMs: number; type?: string }> = []
  const sleeps: number[] = []
  const answer =
    (method: string, table: Record<string, Answer>, fallback: unknown) =>
    async (token: string, id: string, remainingMs: number, type?: string) => {
      expect(token).toBe(TOKEN)
      calls.push({ method, id, at: now, remainingMs, ...(type && { type }) })
      const said = id in table ? table[id] : fallback
      if (said instanceof Error) throw said
      return said as never
    }
  const client = {
    async read(token: string, resource: Resource, remainingMs: number) {
      const method = METHOD[resource.kind]
      const own = methods[method]
      const said = (await (own ?? answer(method, answers, undefined))(token, resource.id, remainingMs)) as
        | { value?: unknown; logId?: string }
        | undefined
      return {
        value: RESOURCE_KINDS[resource.kind].read.answer(dataOf(resource, said), resource),
        ...(said?.logId && { logId: said.logId })
      }
    },
    canEdit: (token: string, id: string, type: string, remainingMs: number) =>
      answer('canEdit', editAnswers, { value: true, logId: 'LOG' })(token, id, remainingMs, type)
  } as unknown as FeishuClient
  const policy: RetryPolicy = {
    maxAttempts: 3,
    deadlineAt: START + 60_000,
    now: () => now,
    sleep: async ms => {
      sleeps.push(ms)
      now += ms
    },
    random: () => 0,
    onRetry: () => undefined,
    isRetried,
    describe: shortFailure
  }
  return { client, policy, classify, calls, sleeps }
}

const problems = (results: AccessResult[]) => results.map(({ resource, problem, call }) => [resource.entry, problem, call])

/** Checks the resources of an input: what was found for each, once it is sure each result is about its resource, in order. */
async function checkAll(input: string, tools: AccessTools): Promise<Array<Omit<AccessResult, 'resource'>>> {
  const given = resources(input)
  const results = await checkAccess(given, TOKEN, tools)
  expect(results.map(({ resource }) => resource)).toEqual(given)
  return results.map(({ resource, ...found }) => found)
}

/** Checks the one resource of a line: what was found, once it is sure the result is about that resource. */
async function checkOne(line: string, tools: AccessTools): Promise<Omit<AccessResult, 'resource'>> {
  const given = resources(line)
  const results = await checkAccess(given, TOKEN, tools)
  expect(results).toHaveLength(1)
  expect(results[0]!.resource).toBe(given[0])
  const { resource, ...found } = results[0]!
  return found
}

describe('checkAccess: one read-only call a resource', () => {
  it('calls the read call of each kind with the token, the id and the time left; every resource reached', async () => {
    const fake = fakeFeishu()
    const given = resources(
      [
        'oc_a0553eda9014c201e6969b478895c230',
        'base:B1',
        'docx:D1',
        'sheet:S1',
        'wiki:W1',
        'wiki-space:7034',
        'folder:F1',
        'calendar:c1@group.calendar.feishu.cn'
      ].join('\n')
    )
    const results = await checkAccess(given, TOKEN, fake)
    expect(results).toEqual(given.map(resource => ({ resource })))
    // Paced kinds start a moment later: the order of the calls is not the order given.
    expect(fake.calls.map(({ method, id, remainingMs }) => [method, id, remainingMs]).sort()).toEqual([
      ['base', 'B1', 60_000],
      ['calendarRole', 'c1@group.calendar.feishu.cn', 60_000],
      ['document', 'D1', 60_000],
      ['folder', 'F1', 60_000],
      ['isInChat', 'oc_a0553eda9014c201e6969b478895c230', 60_000],
      ['spreadsheet', 'S1', 60_000],
      ['wikiNode', 'W1', 60_000],
      ['wikiSpace', '7034', 60_000]
    ])
    expect(fake.sleeps).toEqual([])
  })

  it("finds a bot outside the chat, with the answer's log id", async () => {
    const fake = fakeFeishu({ oc_out: { value: false, logId: 'LOG-OUT' }, oc_nolog: { value: false } })
    const found = await checkAll('oc_out\noc_nolog', fake)
    expect(found).toStrictEqual([
      { problem: 'no-access', call: 'access', logId: 'LOG-OUT' },
      { problem: 'no-access', call: 'access' }
    ])
  })

  it.each([
    ['free_busy_reader', '', 'free-busy-only', 'access'],
    ['free_busy_reader', ' edit', 'free-busy-only', 'access'],
    ['reader', '', undefined, undefined],
    ['reader', ' edit', 'read-only', 'edit'],
    ['writer', ' edit', undefined, undefined],
    ['owner', ' edit', undefined, undefined]
  ])('a calendar role of %s, asked%s: %s', async (role, edit, problem, call) => {
    const fake = fakeFeishu({ cal: { value: role, logId: 'LOG-CAL' } })
    const found = await checkOne(`calendar:cal${edit}`, fake)
    expect(found).toStrictEqual({ ...(problem && { problem, call, logId: 'LOG-CAL' }) })
    // The role answers for edit rights too: no permission call.
    expect(fake.calls.map(({ method }) => method)).toEqual(['calendarRole'])
  })

  it('checks the object a wiki page holds as what it is, in the page: its read call, then its edit rights', async () => {
    const fake = fakeFeishu({ W1: { value: { obj_type: 'bitable', obj_token: 'B1' } } }, { B1: { value: false, logId: 'LOG-RO' } })
    const [page] = resources('wiki:W1 edit # tracker')
    expect(await checkAccess([page!], TOKEN, fake)).toStrictEqual([
      { resource: { ...page!, kind: 'base', id: 'B1', inWiki: 'W1' }, problem: 'read-only', call: 'edit', logId: 'LOG-RO' }
    ])
    expect(fake.calls.map(({ method, id, type }) => [method, id, type])).toEqual([
      ['wikiNode', 'W1', undefined],
      ['base', 'B1', undefined],
      ['canEdit', 'B1', 'bitable']
    ])
  })

  it('says no log id for a calendar role answered without one', async () => {
    const fake = fakeFeishu({ cal: { value: 'reader' } })
    const found = await checkOne('calendar:cal edit', fake)
    expect(found).toStrictEqual({ problem: 'read-only', call: 'edit' })
  })
})

describe('checkAccess: edit rights', () => {
  it.each([
    ['base', 'bitable'],
    ['docx', 'docx'],
    ['sheet', 'sheet'],
    ['wiki', 'wiki']
  ])('asks the permission call about a %s as type %s, after reading it', async (kind, type) => {
    const fake = fakeFeishu()
    const found = await checkOne(`${kind}:T1 edit`, fake)
    expect(found).toStrictEqual({})
    expect(fake.calls.map(({ method, type }) => [method, type])).toEqual([
      [fake.calls[0]!.method, undefined],
      ['canEdit', type]
    ])
    expect(fake.calls[1]).toMatchObject({ id: 'T1', remainingMs: 60_000 })
  })

  it('finds a resource the app may only read, with the log id of that answer', async () => {
    const fake = fakeFeishu({}, { RO: { value: false, logId: 'LOG-RO' }, RO2: { value: false } })
    const found = await checkAll('docx:RO edit\ndocx:RO2 edit\ndocx:RW edit', fake)
    expect(found).toStrictEqual([{ problem: 'read-only', call: 'edit', logId: 'LOG-RO' }, { problem: 'read-only', call: 'edit' }, {}])
  })

  it('does not ask about edit rights when they are not needed, or when reading already failed', async () => {
    const fake = fakeFeishu({ GONE: feishuError(1770002) })
    const results = await checkAccess(resources('docx:RW\ndocx:GONE edit'), TOKEN, fake)
    expect(problems(results)).toEqual([
      ['docx:RW', undefined, undefined],
      ['docx:GONE edit', 'not-found', 'access']
    ])
    expect(fake.calls.map(({ method }) => method)).toEqual(['document', 'document'])
  })

  it('reports a failed permission call as a failure of the edit call', async () => {
    const error = feishuError(1063001)
    const fake = fakeFeishu({}, { T1: error })
    const found = await checkOne('docx:T1 edit', fake)
    expect(found).toStrictEqual({ problem: 'not-found', call: 'edit', error })
  })
})

describe('checkAccess: scopes', () => {
  it('makes no call that none of the granted scopes allows, and names the scopes that would', async () => {
    const fake = fakeFeishu()
    const found = await checkAll('docx:D1\nbase:B1', {
      ...fake,
      scopes: { granted: new Set(['bitable:app:readonly']), awaiting: new Set<string>() }
    })
    expect(found).toStrictEqual([{ problem: 'no-scope', call: 'access', scopes: ['docx:document', 'docx:document:readonly'] }, {}])
    expect(fake.calls.map(({ method }) => method)).toEqual(['base'])
  })

  it('reads, then stops before the permission call when no granted scope allows it', async () => {
    const fake = fakeFeishu()
    const found = await checkOne('docx:D1 edit', { ...fake, scopes: { granted: new Set(['docx:document']), awaiting: new Set<string>() } })
    expect(found).toStrictEqual({ problem: 'no-scope', call: 'edit', scopes: scopesOfCall(PERMISSION_CALL) })
    expect(fake.calls.map(({ method }) => method)).toEqual(['document'])
  })

  it('asks about edit rights when any one edit scope is granted', async () => {
    const fake = fakeFeishu()
    const found = await checkOne('docx:D1 edit', {
      ...fake,
      scopes: { granted: new Set(['docx:document', 'wiki:wiki']), awaiting: new Set<string>() }
    })
    expect(found).toStrictEqual({})
    expect(fake.calls.map(({ method }) => method)).toEqual(['document', 'canEdit'])
  })

  it("makes no call whose only scopes await the admin's approval, and names those of them that do", async () => {
    const fake = fakeFeishu()
    const found = await checkAll('docx:D1\nbase:B1 edit', {
      ...fake,
      scopes: { granted: new Set(['base:app:read']), awaiting: new Set(['docx:document:readonly', 'im:message', 'wiki:wiki']) }
    })
    expect(found).toStrictEqual([
      { problem: 'scope-awaiting', call: 'access', scopes: ['docx:document:readonly'] },
      { problem: 'scope-awaiting', call: 'edit', scopes: ['wiki:wiki'] }
    ])
    expect(fake.calls.map(({ method }) => method)).toEqual(['base'])
  })

  it("takes the scopes a 'missing scope' answer names", async () => {
    const error = feishuError(99991672, { scopes: ['docx:document'] })
    const fake = fakeFeishu({ D1: error, D2: feishuError(99991672) })
    const found = await checkAll('docx:D1\ndocx:D2', fake)
    expect(found).toStrictEqual([
      { problem: 'no-scope', call: 'access', error, scopes: ['docx:document'] },
      { problem: 'no-scope', call: 'access', error: expect.any(RequestError) }
    ])
  })
})

describe('checkAccess: failures', () => {
  it.each([
    ['base:B1', 91403, 'no-access'],
    ['base:B1', 1254302, 'advanced-permissions'],
    ['wiki:W1', 131006, 'not-member'],
    ['oc_x', 232025, 'no-bot'],
    ['folder:F1', 970005, 'not-found']
  ])('%s answering %i is %s', async (line, code, problem) => {
    const error = feishuError(code)
    const fake = fakeFeishu({ [line.replace(/^\w+:/, '')]: error })
    const found = await checkOne(line, fake)
    expect(found).toStrictEqual({ problem, call: 'access', error })
  })

  it('reports a failure that means nothing for resources, and one that is not a Feishu answer, as failed', async () => {
    const token = feishuError(99991663)
    const network = new RequestError({ kind: 'network', errno: 'ENOTFOUND' }, 'access')
    const fake = fakeFeishu({ B1: token, B2: network })
    const found = await checkAll('base:B1\nbase:B2', fake)
    expect(found).toStrictEqual([
      { problem: 'failed', call: 'access', error: token },
      { problem: 'failed', call: 'access', error: network }
    ])
  })

  it('retries a transient failure with the run’s retry rules', async () => {
    let calls = 0
    const fake = fakeFeishu(
      {},
      {},
      {
        base: async () => {
          if (++calls === 1) throw new RequestError({ kind: 'http', status: 503 }, 'access')
        }
      }
    )
    const retries: string[] = []
    const found = await checkOne('base:B1 # tracker', { ...fake, policy: { ...fake.policy, onRetry: line => retries.push(line) } })
    expect(found).toStrictEqual({})
    expect(calls).toBe(2)
    expect(fake.sleeps).toEqual([500])
    // Several checks retry at once: each line names its resource first.
    expect(retries).toEqual([expect.stringMatching(/^"tracker" \(Base B1\): Attempt 1 of 3 failed: HTTP 503\b.*Retrying in 0\.5 s\.$/)])
  })

  it('rejects with a bug as it is, rather than calling it a failed request', async () => {
    const bug = new TypeError('bug')
    await expect(checkAccess(resources('base:B1'), TOKEN, fakeFeishu({ B1: bug }))).rejects.toBe(bug)
    await expect(checkAccess(resources('base:B1 edit'), TOKEN, fakeFeishu({}, { B1: bug }))).rejects.toBe(bug)
  })

  it('only reads a resource whose kind has no check of edit rights, even when one is asked for', async () => {
    // The parser refuses 'edit' for these kinds; a resource made otherwise is still only read.
    const fake = fakeFeishu()
    const folder: Resource = { kind: 'folder', id: 'F1', edit: true, entry: 'folder:F1 edit' }
    expect(await checkAccess([folder], TOKEN, fake)).toStrictEqual([{ resource: folder }])
    expect(fake.calls.map(({ method }) => method)).toEqual(['folder'])
  })

  it('stops at the IP allowlist: the first answer says it, every other check is not-checked with that answer', async () => {
    const first = feishuError(99991401, {}, 'LOG-1')
    const fake = fakeFeishu({ B1: first, B2: feishuError(99991401, {}, 'LOG-2') }, { D1: feishuError(99991401, {}, 'LOG-3') })
    const found = await checkAll('base:B1\nbase:B2\ndocx:D1 edit', fake)
    expect(found).toStrictEqual([
      { problem: 'failed', call: 'access', error: first },
      // In flight when the first answer came, it got the same: refused too, with its own log id.
      { problem: 'not-checked', error: first, logId: 'LOG-2' },
      { problem: 'not-checked', error: first }
    ])
  })

  it('has the check whose own answer stopped the others explain it, even when its retry met the stop; a later one is not-checked', async () => {
    // A rate limit is retried: were it to refuse every call, the retry of the check it answered would not be sent.
    const limited = feishuError(99991400, {}, 'LOG-1')
    const stopsAll: Classify = error => (error === limited ? { everyCall: true } : classify(error))
    const fake = fakeFeishu({ B1: limited })
    const found = await checkAll('base:B1\ndocx:D1 edit', { ...fake, classify: stopsAll })
    expect(found).toStrictEqual([
      { problem: 'failed', call: 'access', error: limited },
      { problem: 'not-checked', error: limited }
    ])
    expect(fake.calls.map(({ method, id }) => [method, id])).toEqual([
      ['base', 'B1'],
      ['document', 'D1']
    ])
    expect(fake.sleeps).toEqual([500])
  })

  it('takes the problem of a Feishu answer only: any other failure is failed, whatever the classification says', async () => {
    const answer = feishuError(91403)
    const network = new RequestError({ kind: 'network', errno: 'ENOTFOUND' }, 'access')
    const fake = fakeFeishu({ B1: answer, B2: network })
    const found = await checkAll('base:B1\nbase:B2', { ...fake, classify: () => ({ problem: 'no-access' }) })
    expect(found).toStrictEqual([
      { problem: 'no-access', call: 'access', error: answer },
      { problem: 'failed', call: 'access', error: network }
    ])
  })

  it('starts no check once the allowlist has answered', async () => {
    const first = feishuError(99991401)
    const fake = fakeFeishu({ D0: first })
    // Six documents: the sixth waits for the pacing (5 a second), and by then the allowlist has answered.
    const found = await checkAll(['D0', 'D1', 'D2', 'D3', 'D4', 'D5'].map(id => `docx:${id}`).join('\n'), fake)
    expect(found[5]).toStrictEqual({ problem: 'not-checked', error: first })
    expect(fake.calls.map(({ id }) => id)).toEqual(['D0', 'D1', 'D2', 'D3', 'D4'])
  })

  it('names the answer that refuses every call (the allowlist, the other region), and nothing else', async () => {
    const allowlist = feishuError(99991401)
    const region = feishuError(1000040351)
    const [base] = resources('base:B1')
    expect(refusedEveryCall([{ resource: base! }, { resource: base!, problem: 'not-checked', error: allowlist }], classify)).toBe(allowlist)
    expect(refusedEveryCall([{ resource: base!, problem: 'failed', call: 'access', error: region }], classify)).toBe(region)
    expect(
      refusedEveryCall(
        [
          { resource: base!, problem: 'no-access', call: 'access', error: feishuError(91403) },
          { resource: base!, problem: 'failed', call: 'access', error: new RequestError({ kind: 'http', status: 503 }, 'access') },
          { resource: base!, problem: 'not-checked' },
          { resource: base! }
        ],
        classify
      )
    ).toBeUndefined()
  })
})

describe('checkAccess: pacing', () => {
  it('starts at most 5 document reads a second, counted from the answers the server gave', async () => {
    const fake = fakeFeishu()
    await checkAccess(resources(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].map(id => `docx:D${id}`).join('\n')), TOKEN, fake)
    expect(fake.calls.map(({ at }) => at - START)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000])
    // Only the sixth and the eleventh had to wait: the others found their window already past.
    expect(fake.sleeps).toEqual([1000, 1000])
  })

  it('paces each kind on its own', async () => {
    const fake = fakeFeishu()
    await checkAccess(
      resources([...['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].map(id => `docx:${id}`), 'base:B1', 'base:B2'].join('\n')),
      TOKEN,
      fake
    )
    const at = (method: string) => fake.calls.filter(call => call.method === method).map(({ at }) => at - START)
    expect(at('document')).toEqual([0, 0, 0, 0, 0, 1000])
    expect(at('base')).toEqual([0, 0])
  })

  it('keeps the turn of a check whose call went out and was refused: the sixth still waits for a window', async () => {
    const refused = Object.fromEntries(['D1', 'D2', 'D3', 'D4', 'D5'].map(id => [id, feishuError(91403)]))
    const fake = fakeFeishu(refused)
    const found = await checkAll(['D1', 'D2', 'D3', 'D4', 'D5', 'D6'].map(id => `docx:${id}`).join('\n'), fake)
    expect(found.map(({ problem }) => problem)).toEqual(['no-access', 'no-access', 'no-access', 'no-access', 'no-access', undefined])
    expect(fake.calls.map(({ at }) => at - START)).toEqual([0, 0, 0, 0, 0, 1000])
    expect(fake.sleeps).toEqual([1000])
  })

  it('gives back the turn of a check stopped before it was sent: the checks after it wait for no window', async () => {
    const first = feishuError(99991401)
    const fake = fakeFeishu({ D0: first })
    const found = await checkAll(Array.from({ length: 11 }, (_, i) => `docx:D${i}`).join('\n'), fake)
    expect(found.slice(5)).toStrictEqual(Array.from({ length: 6 }, () => ({ problem: 'not-checked', error: first })))
    expect(fake.calls.map(({ id }) => id)).toEqual(['D0', 'D1', 'D2', 'D3', 'D4'])
    // Only the sixth waited: the five stopped at their turn spent no window, so the eleventh found one free.
    expect(fake.sleeps).toEqual([1000])
  })

  it('does not pace the permission call with the reads of its kind: it has a limit of its own', async () => {
    const fake = fakeFeishu()
    await checkAccess(resources(['D1', 'D2', 'D3', 'D4', 'D5'].map(id => `docx:${id} edit`).join('\n')), TOKEN, fake)
    expect(fake.calls.map(({ method, at }) => [method, at - START]).sort()).toEqual([
      ...Array.from({ length: 5 }, () => ['canEdit', 0]),
      ...Array.from({ length: 5 }, () => ['document', 0])
    ])
    expect(fake.sleeps).toEqual([])
  })

  it('does not pace a kind without a per-second limit (100 a minute at most: fewer entries than that)', async () => {
    const fake = fakeFeishu()
    await checkAccess(resources(Array.from({ length: 8 }, (_, i) => `sheet:S${i}`).join('\n')), TOKEN, fake)
    expect(fake.calls.map(({ at }) => at - START)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect(fake.sleeps).toEqual([])
  })

  it('gives a later call the time left after the wait', async () => {
    const fake = fakeFeishu()
    await checkAccess(resources(['1', '2', '3', '4', '5', '6'].map(id => `docx:D${id}`).join('\n')), TOKEN, fake)
    expect(fake.calls.map(({ remainingMs }) => remainingMs)).toEqual([60_000, 60_000, 60_000, 60_000, 60_000, 59_000])
  })

  it(`has at most ${MAX_IN_FLIGHT} requests in flight at once`, async () => {
    let inFlight = 0
    let most = 0
    const release: Array<() => void> = []
    const fake = fakeFeishu(
      {},
      {},
      {
        spreadsheet: () => {
          inFlight++
          most = Math.max(most, inFlight)
          return new Promise<void>(resolve =>
            release.push(() => {
              inFlight--
              resolve()
            })
          )
        }
      }
    )
    const checked = checkAccess(resources(Array.from({ length: 12 }, (_, i) => `sheet:S${i}`).join('\n')), TOKEN, fake)
    await new Promise(resolve => setImmediate(resolve))
    expect(inFlight).toBe(8)
    while (release.length > 0) {
      release.shift()!()
      await new Promise(resolve => setImmediate(resolve))
    }
    expect((await checked).every(result => result.problem === undefined)).toBe(true)
    expect(most).toBe(8)
  })
})
