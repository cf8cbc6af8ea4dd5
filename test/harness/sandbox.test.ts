// The sandbox speaks the resource calls as the Open Platform documents them, over real loopback sockets: each kind
// reachable, each failure code and status, the scopes each call accepts, the per-kind rate limits, the edit check,
// the request log's status and code, and the console pages the grant links open.
import { connect } from 'node:net'
import {
  FENCED_APP,
  RESOURCE_SCOPES,
  RESOURCE_TITLES,
  type RecordedRequest,
  type ResourceCall,
  type Sandbox,
  type SandboxApp,
  type SandboxOptions,
  TEST_APP,
  TEST_RESOURCE_IDS as IDS,
  faults,
  startSandbox
} from '../../harness/sandbox.js'

/** Every scope any resource call accepts, granted for the app identity. */
const ALL_SCOPES = [...new Set(Object.values(RESOURCE_SCOPES).flat())].map(scope_name => ({ scope_name, grant_status: 1 }))

const T = (n: number) => `Tok${String(n).padStart(24, '0')}` // 27 letters and digits

/** An app with every resource scope and a resource for each failure the calls know. */
const PROBE_APP: SandboxApp = {
  ...TEST_APP,
  appId: 'cli_b1c2d3e4f5a60719',
  appSecret: 'SECRETprobeAppSecret0123456789ab',
  scopes: ALL_SCOPES,
  resources: {
    chats: {
      oc_00000000000000000000000000000001: { botInChat: true, otherTenant: true },
      oc_00000000000000000000000000000002: { botInChat: true, external: true }
    },
    bases: { [T(1)]: { access: 'none' }, [T(2)]: { access: 'read', advanced: true }, [T(3)]: { access: 'edit' } },
    docx: { [T(4)]: { access: 'none' }, [T(5)]: { access: 'edit', deleted: true }, [T(6)]: { access: 'read' } },
    sheets: { [T(7)]: { access: 'none' }, [T(8)]: { access: 'read', deleted: true }, [T(9)]: { access: 'edit' } },
    wikiNodes: {
      // Not shared, in a space the app is not a member of; not shared, in a space it is a member of; shared to edit, a Base.
      [T(10)]: { spaceId: '100', access: 'none' },
      [T(11)]: { spaceId: '200', access: 'none' },
      [T(12)]: { spaceId: '100', access: 'edit', objType: 'bitable', objToken: T(13) }
    },
    wikiSpaces: { '100': { member: false }, '200': { member: true } },
    folders: { [T(14)]: { access: 'none' }, [T(15)]: { access: 'read', deleted: true }, [T(16)]: { access: 'read' } },
    calendars: {
      'feishu.cn_none@group.calendar.feishu.cn': { role: 'none' },
      'feishu.cn_gone@group.calendar.feishu.cn': { role: 'owner', deleted: true },
      'feishu.cn_busy@group.calendar.feishu.cn': { role: 'free_busy_reader' }
    }
  }
}
const NO_SCOPE_APP: SandboxApp = {
  ...TEST_APP,
  appId: 'cli_c1d2e3f4a5b6071a',
  appSecret: 'SECRETnoScopeAppSecret0123456789',
  // Held for users only, or awaiting approval: neither is a scope of the tenant token.
  scopes: [
    { scope_name: 'im:message', grant_status: 1 },
    { scope_name: 'im:chat', grant_status: 1, scope_type: 'user' },
    { scope_name: 'bitable:app', grant_status: 2, scope_type: 'tenant' }
  ]
}
const NO_BOT_APP: SandboxApp = { ...PROBE_APP, appId: 'cli_d1e2f3a4b5c6071b', appSecret: 'SECRETnoBotAppSecret0123456789ab', bot: false }
const NOT_INSTALLED_APP: SandboxApp = {
  ...PROBE_APP,
  appId: 'cli_e1f2a3b4c5d6071c',
  appSecret: 'SECRETnotInstalledSecret01234567',
  installed: false
}
const OTHER_REGION_APP: SandboxApp = {
  ...PROBE_APP,
  appId: 'cli_f1a2b3c4d5e6071d',
  appSecret: 'SECRETotherRegionSecret012345678',
  otherRegion: true
}
const APPS = [TEST_APP, PROBE_APP, NO_SCOPE_APP, NO_BOT_APP, NOT_INSTALLED_APP, OTHER_REGION_APP, FENCED_APP]

interface Reply {
  status: number
  headers: Headers
  body: { code?: number; msg?: string; data?: Record<string, unknown>; error?: Record<string, unknown> } & Record<string, unknown>
  text: string
}

async function tokenFor(sandbox: Sandbox, app: SandboxApp): Promise<string> {
  const reply = await fetch(`${sandbox.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ app_id: app.appId, app_secret: app.appSecret })
  })
  return ((await reply.json()) as { tenant_access_token: string }).tenant_access_token
}

/** One request, as a Feishu client sends it: the tenant token as a Bearer token (or none, for `token` ''). */
async function call(sandbox: Sandbox, token: string, path: string, body?: unknown): Promise<Reply> {
  const reply = await fetch(`${sandbox.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json; charset=utf-8' })
    },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) })
  })
  const text = await reply.text()
  let parsed: Reply['body'] = {}
  try {
    parsed = JSON.parse(text)
  } catch {
    // A page, not JSON.
  }
  return { status: reply.status, headers: reply.headers, body: parsed, text }
}

/** The path of each resource call for one id. */
const path = {
  chat: (id: string) => `/open-apis/im/v1/chats/${encodeURIComponent(id)}/members/is_in_chat`,
  base: (id: string) => `/open-apis/bitable/v1/apps/${encodeURIComponent(id)}`,
  docx: (id: string) => `/open-apis/docx/v1/documents/${encodeURIComponent(id)}`,
  sheets: (id: string) => `/open-apis/sheets/v3/spreadsheets/${encodeURIComponent(id)}`,
  wikiNode: (id: string) => `/open-apis/wiki/v2/spaces/get_node?token=${encodeURIComponent(id)}`,
  wikiSpace: (id: string) => `/open-apis/wiki/v2/spaces/${encodeURIComponent(id)}`,
  folder: () => '/open-apis/drive/v1/metas/batch_query',
  calendar: (id: string) => `/open-apis/calendar/v4/calendars/${encodeURIComponent(id)}`,
  permissionAuth: (id: string, type = 'docx', action = 'edit') =>
    `/open-apis/drive/v1/permissions/${encodeURIComponent(id)}/members/auth?type=${type}&action=${action}`
} satisfies Record<ResourceCall, (id: string) => string>

const folders = (...tokens: string[]) => ({ request_docs: tokens.map(doc_token => ({ doc_token, doc_type: 'folder' })) })

/** Calls `kind` for `id` as `app` would. */
async function resource(sandbox: Sandbox, tokens: Map<string, string>, app: SandboxApp, kind: ResourceCall, id: string): Promise<Reply> {
  const token = tokens.get(app.appId)!
  return kind === 'folder' ? call(sandbox, token, path.folder(), folders(id)) : call(sandbox, token, path[kind](id))
}

async function sandboxWithTokens(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; tokens: Map<string, string> }> {
  const sandbox = await startSandbox({ apps: APPS, ...options })
  const tokens = new Map<string, string>()
  for (const app of options.apps ?? APPS) tokens.set(app.appId, await tokenFor(sandbox, app))
  return { sandbox, tokens }
}

// The answers themselves, with the rate limits off (so many calls in a row are not throttled).
let sandbox: Sandbox
let tokens: Map<string, string>
const seen: RecordedRequest[] = []
beforeAll(async () => {
  ;({ sandbox, tokens } = await sandboxWithTokens({ resourceRateLimits: false, onRequest: request => void seen.push(request) }))
})
afterAll(async () => {
  await sandbox.close()
})
const as = (app: SandboxApp, kind: ResourceCall, id: string) => resource(sandbox, tokens, app, kind, id)

describe("TEST_APP's resources: each kind reachable, with the documented answer", () => {
  it('chat: the bot is in the release chat, not in the other one (code 0 both times)', async () => {
    for (const [id, inChat] of [
      [IDS.releaseChat, true],
      [IDS.otherChat, false]
    ] as const) {
      const reply = await as(TEST_APP, 'chat', id)
      expect([reply.status, reply.body]).toEqual([200, { code: 0, msg: 'success', data: { is_in_chat: inChat } }])
    }
  })

  it('Base: data.app, not advanced', async () => {
    const reply = await as(TEST_APP, 'base', IDS.sharedBase)
    expect(reply.status).toBe(200)
    expect(reply.body.data!.app).toMatchObject({ app_token: IDS.sharedBase, name: RESOURCE_TITLES.base, is_advanced: false })
  })

  it('docx: data.document', async () => {
    const reply = await as(TEST_APP, 'docx', IDS.editableDocx)
    expect(reply.body.data!.document).toEqual({
      document_id: IDS.editableDocx,
      revision_id: expect.any(Number),
      title: RESOURCE_TITLES.docx
    })
  })

  it('sheets: data.spreadsheet with its link', async () => {
    const reply = await as(TEST_APP, 'sheets', IDS.sheet)
    expect(reply.body.data!.spreadsheet).toEqual({
      title: RESOURCE_TITLES.sheets,
      owner_id: expect.stringMatching(/^ou_[0-9a-f]+$/),
      token: IDS.sheet,
      url: `https://sandbox.feishu.cn/sheets/${IDS.sheet}`
    })
  })

  it('wiki page: data.node, with its space and the object it holds', async () => {
    const reply = await as(TEST_APP, 'wikiNode', IDS.wikiNode)
    expect(reply.body.data!.node).toMatchObject({
      space_id: IDS.wikiSpace,
      node_token: IDS.wikiNode,
      obj_type: 'docx',
      obj_token: expect.stringMatching(/^[A-Za-z0-9]{27}$/),
      node_type: 'origin',
      title: RESOURCE_TITLES.wikiNode
    })
  })

  it('wiki space: data.space', async () => {
    const reply = await as(TEST_APP, 'wikiSpace', IDS.wikiSpace)
    expect(reply.body.data!.space).toMatchObject({ name: RESOURCE_TITLES.wikiSpace, space_id: IDS.wikiSpace, space_type: 'team' })
  })

  it('folder: one entry in data.metas, none failed', async () => {
    const reply = await as(TEST_APP, 'folder', IDS.folder)
    expect(reply.body.data).toEqual({
      metas: [expect.objectContaining({ doc_token: IDS.folder, doc_type: 'folder', title: RESOURCE_TITLES.folder })],
      failed_list: []
    })
  })

  it("calendar: the fields directly in data, the app's role among them", async () => {
    const reply = await as(TEST_APP, 'calendar', IDS.calendar)
    expect(reply.body.data).toMatchObject({ calendar_id: IDS.calendar, summary: RESOURCE_TITLES.calendar, type: 'shared', role: 'reader' })
  })

  it('ids shaped like real ones', () => {
    expect([IDS.releaseChat, IDS.otherChat]).toEqual([
      expect.stringMatching(/^oc_[0-9a-f]{32}$/),
      expect.stringMatching(/^oc_[0-9a-f]{32}$/)
    ])
    for (const token of [IDS.sharedBase, IDS.advancedBase, IDS.editableDocx, IDS.sheet, IDS.wikiNode, IDS.folder])
      expect(token).toMatch(/^[A-Za-z0-9]{27}$/)
    expect(IDS.calendar).toMatch(/^feishu\.cn_\w+@group\.calendar\.feishu\.cn$/)
    expect(IDS.wikiSpace).toMatch(/^\d+$/)
  })

  it('every title is hostile text: a workflow command, Markdown or HTML, Chinese, a bidi override', () => {
    for (const title of Object.values(RESOURCE_TITLES)) {
      expect(title).toMatch(/\n::error::/)
      expect(title).toMatch(/[*_`|#[<@]/)
      expect(title).toMatch(/\p{Script=Han}/u)
      expect(title).toContain('\u202e')
      expect(title).toContain('SANDBOX-TITLE-')
    }
  })
})

describe('failures: each code with its HTTP status', () => {
  const cases: Array<[string, SandboxApp, ResourceCall, string, number, number]> = [
    ['chat: unknown', PROBE_APP, 'chat', 'oc_ffffffffffffffffffffffffffffffff', 400, 232006],
    ['chat: malformed', PROBE_APP, 'chat', 'not a chat', 400, 232006],
    ['chat: another tenant', PROBE_APP, 'chat', 'oc_00000000000000000000000000000001', 400, 232010],
    ['chat: external, no external-chat scope', PROBE_APP, 'chat', 'oc_00000000000000000000000000000002', 400, 232033],
    ['chat: no Bot capability', NO_BOT_APP, 'chat', 'oc_00000000000000000000000000000001', 400, 232025],
    ['chat: app not installed (not 212100)', NOT_INSTALLED_APP, 'chat', 'oc_00000000000000000000000000000001', 400, 232034],
    ['Base: no access', PROBE_APP, 'base', T(1), 403, 91403],
    ['Base: advanced permissions, the app in no role', PROBE_APP, 'base', T(2), 403, 1254302],
    ['Base: unknown', PROBE_APP, 'base', T(99), 404, 1254040],
    ['Base: malformed', PROBE_APP, 'base', 'bas-cn!', 400, 1254003],
    ['docx: no access', PROBE_APP, 'docx', T(4), 403, 1770032],
    ['docx: deleted', PROBE_APP, 'docx', T(5), 400, 1770003],
    ['docx: unknown', PROBE_APP, 'docx', T(99), 404, 1770002],
    ['docx: malformed is unknown', PROBE_APP, 'docx', '../x', 404, 1770002],
    ['sheets: no access', PROBE_APP, 'sheets', T(7), 403, 1310213],
    ['sheets: deleted', PROBE_APP, 'sheets', T(8), 400, 1310249],
    ['sheets: unknown', PROBE_APP, 'sheets', T(99), 400, 1310214],
    ['wiki page: unknown', PROBE_APP, 'wikiNode', T(99), 400, 131005],
    ['wiki page: not shared, space not joined', PROBE_APP, 'wikiNode', T(10), 400, 131006],
    ['wiki space: not a member', PROBE_APP, 'wikiSpace', '100', 400, 131006],
    ['wiki space: unknown', PROBE_APP, 'wikiSpace', '999', 400, 131005],
    ['wiki space: not a number', PROBE_APP, 'wikiSpace', 'abc', 400, 131005],
    ['calendar: no access role', PROBE_APP, 'calendar', 'feishu.cn_none@group.calendar.feishu.cn', 403, 191002],
    ['calendar: deleted', PROBE_APP, 'calendar', 'feishu.cn_gone@group.calendar.feishu.cn', 403, 191003],
    ['calendar: unknown', PROBE_APP, 'calendar', 'feishu.cn_nope@group.calendar.feishu.cn', 404, 191000],
    ['calendar: malformed', PROBE_APP, 'calendar', 'no calendar', 400, 191001],
    ['calendar: no Bot capability', NO_BOT_APP, 'calendar', 'feishu.cn_busy@group.calendar.feishu.cn', 404, 190007],
    ['any call: the IP allowlist', FENCED_APP, 'docx', IDS.editableDocx, 400, 99991401],
    ['any call: the other region', OTHER_REGION_APP, 'base', T(3), 400, 1000040351],
    ['any call but the chat one: not installed', NOT_INSTALLED_APP, 'sheets', T(9), 400, 212100]
  ]
  it.each(cases)('%s', async (_what, app, kind, id, status, code) => {
    const reply = await as(app, kind, id)
    expect([reply.status, reply.body.code]).toEqual([status, code])
    expect(reply.body.msg).toEqual(expect.any(String))
    expect(reply.body.data).toBeUndefined()
  })

  it('no token, a token that is not one: the token checks come first', async () => {
    expect((await call(sandbox, '', path.docx(T(6)))).body.code).toBe(99991661)
    expect((await call(sandbox, 't-0000000000', path.docx(T(6)))).body.code).toBe(99991663)
  })

  it('an Object.prototype name is just an unknown id', async () => {
    expect((await as(PROBE_APP, 'docx', 'constructor')).body.code).toBe(1770002)
    expect((await as(PROBE_APP, 'chat', '__proto__')).body.code).toBe(232006)
  })

  it('folder: HTTP 200 and code 0 whatever the folders; each one the app cannot read in failed_list', async () => {
    const token = tokens.get(PROBE_APP.appId)!
    const reply = await call(sandbox, token, path.folder(), {
      request_docs: [
        { doc_token: T(14), doc_type: 'folder' },
        { doc_token: T(15), doc_type: 'folder' },
        { doc_token: T(99), doc_type: 'folder' },
        { doc_token: T(16), doc_type: 'folder' },
        { doc_token: T(16), doc_type: 'album' }
      ]
    })
    expect([reply.status, reply.body.code]).toEqual([200, 0])
    expect(reply.body.data!.failed_list).toEqual([
      { token: T(14), code: 970003 },
      { token: T(15), code: 970005 },
      { token: T(99), code: 970005 },
      { token: T(16), code: 970002 }
    ])
    expect(reply.body.data!.metas).toEqual([expect.objectContaining({ doc_token: T(16), doc_type: 'folder' })])
  })

  it('folder: a body that is not a batch is refused', async () => {
    const token = tokens.get(PROBE_APP.appId)!
    expect((await call(sandbox, token, path.folder(), { request_docs: [] })).body.code).toBe(99992402)
    expect((await call(sandbox, token, path.folder(), '{')).body.code).toBe(9499)
  })

  it('wiki page: readable through membership of its space, and found by the token of the object it holds', async () => {
    expect((await as(PROBE_APP, 'wikiNode', T(11))).body).toMatchObject({ code: 0, data: { node: { node_token: T(11), space_id: '200' } } })
    const token = tokens.get(PROBE_APP.appId)!
    const byObject = await call(sandbox, token, `/open-apis/wiki/v2/spaces/get_node?token=${T(13)}&obj_type=bitable`)
    expect(byObject.body.data!.node).toMatchObject({ node_token: T(12), obj_type: 'bitable', obj_token: T(13) })
    expect((await call(sandbox, token, `/open-apis/wiki/v2/spaces/get_node?token=${T(13)}&obj_type=docx`)).body.code).toBe(131005)
  })

  it('calendar: a free/busy reader is an answer, with its role', async () => {
    expect((await as(PROBE_APP, 'calendar', 'feishu.cn_busy@group.calendar.feishu.cn')).body.data).toMatchObject({
      role: 'free_busy_reader'
    })
  })
})

describe('scopes: each call accepts its own, any one of them, for the app identity', () => {
  const kinds = Object.keys(RESOURCE_SCOPES) as ResourceCall[]

  it.each(kinds)('%s: without any of its scopes, 99991672 (HTTP 400) in the shape Feishu answers it', async kind => {
    const reply = await as(NO_SCOPE_APP, kind, T(1))
    const accepted = RESOURCE_SCOPES[kind]
    const link = `${sandbox.url}/app/${NO_SCOPE_APP.appId}/auth?q=${accepted.join(',')}&op_from=openapi&token_type=tenant`
    expect(reply.status).toBe(400)
    expect(reply.body).toEqual({
      code: 99991672,
      msg: expect.stringContaining(`Access denied. One of the following scopes is required: [${accepted.join(', ')}]`),
      error: {
        log_id: reply.headers.get('x-tt-logid'),
        permission_violations: accepted.map(subject => ({ type: 'action_scope_required', subject })),
        helps: [{ url: link, description: expect.any(String) }]
      }
    })
  })

  it.each(kinds)('%s: any one accepted scope is enough', async kind => {
    for (const scope of RESOURCE_SCOPES[kind]) {
      const app = { ...NO_SCOPE_APP, appId: 'cli_a0a0a0a0a0a0a0a0', scopes: [{ scope_name: scope, grant_status: 1 }] }
      const one = await startSandbox({ apps: [app], resourceRateLimits: false })
      try {
        const reply = await resource(one, new Map([[app.appId, await tokenFor(one, app)]]), app, kind, T(1))
        expect([scope, reply.body.code]).not.toEqual([scope, 99991672])
      } finally {
        await one.close()
      }
    }
  })

  it('a scope held for users only, or awaiting approval, is not enough', async () => {
    // NO_SCOPE_APP holds im:chat for users and bitable:app awaiting approval.
    expect((await as(NO_SCOPE_APP, 'chat', IDS.releaseChat)).body.code).toBe(99991672)
    expect((await as(NO_SCOPE_APP, 'base', IDS.sharedBase)).body.code).toBe(99991672)
  })
})

describe('the edit check: members/auth', () => {
  const auth = async (id: string, type: string, action: string) =>
    call(sandbox, tokens.get(PROBE_APP.appId)!, path.permissionAuth(id, type, action))

  it.each([
    ['docx shared for reading', T(6), 'docx', { view: true, edit: false }],
    ['sheet shared for editing', T(9), 'sheet', { view: true, edit: true }],
    ['sheet not shared', T(7), 'sheet', { view: false, edit: false }],
    ['Base shared for editing', T(3), 'bitable', { view: true, edit: true }],
    ['Base not shared', T(1), 'bitable', { view: false, edit: false }],
    ['wiki page shared for editing', T(12), 'wiki', { view: true, edit: true }],
    ['wiki page read through its space', T(11), 'wiki', { view: true, edit: false }],
    ['the Base inside that wiki page, by its own token', T(13), 'bitable', { view: true, edit: true }]
  ])('%s', async (_what, id, type, expected) => {
    for (const action of ['view', 'edit'] as const) {
      const reply = await auth(id, type, action)
      expect([action, reply.status, reply.body]).toEqual([
        action,
        200,
        { code: 0, msg: 'success', data: { auth_result: expected[action] } }
      ])
    }
  })

  it("TEST_APP's docx is editable, its Base only readable", async () => {
    const token = tokens.get(TEST_APP.appId)!
    expect((await call(sandbox, token, path.permissionAuth(IDS.editableDocx, 'docx', 'edit'))).body.data).toEqual({ auth_result: true })
    expect((await call(sandbox, token, path.permissionAuth(IDS.sharedBase, 'bitable', 'edit'))).body.data).toEqual({ auth_result: false })
  })

  it.each([
    ['an unknown token', T(99), 'docx', 'edit'],
    ['a wrong token/type pair', T(9), 'docx', 'edit'],
    ['a wiki node asked as a docx', T(12), 'docx', 'view'],
    ['a folder: there is no folder type', T(16), 'folder', 'view'],
    ['no action', T(6), 'docx', '']
  ])('%s: 1063001, HTTP 400', async (_what, id, type, action) => {
    const reply = await auth(id, type, action)
    expect([reply.status, reply.body.code]).toEqual([400, 1063001])
  })

  it('a deleted document: 1063005', async () => {
    expect((await auth(T(5), 'docx', 'edit')).body.code).toBe(1063005)
  })
})

describe('rate limits, per app and per call, on by default', () => {
  it('docx: the 6th call in a second is 99991400 (HTTP 429) with the limit and the seconds to wait; other apps and calls go on', async () => {
    const limited = await sandboxWithTokens({ apps: [TEST_APP, PROBE_APP] })
    try {
      const statuses: number[] = []
      let last: Reply | undefined
      for (let i = 0; i < 6; i++) {
        last = await resource(limited.sandbox, limited.tokens, TEST_APP, 'docx', IDS.editableDocx)
        statuses.push(last.status)
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
      expect(last!.body).toEqual({ code: 99991400, msg: 'request trigger frequency limit' })
      expect(last!.headers.get('x-ogw-ratelimit-limit')).toBe('5')
      expect(last!.headers.get('x-ogw-ratelimit-reset')).toBe('1')
      expect((await resource(limited.sandbox, limited.tokens, PROBE_APP, 'docx', T(6))).status).toBe(200)
      expect((await resource(limited.sandbox, limited.tokens, TEST_APP, 'base', IDS.sharedBase)).status).toBe(200)
    } finally {
      await limited.sandbox.close()
    }
  })

  it('sheets: 100 a minute; the 101st waits for the rest of the minute', async () => {
    const limited = await sandboxWithTokens({ apps: [TEST_APP] })
    try {
      const replies: Reply[] = []
      for (let i = 0; i < 101; i++) replies.push(await resource(limited.sandbox, limited.tokens, TEST_APP, 'sheets', IDS.sheet))
      expect(replies.slice(0, 100).every(r => r.status === 200)).toBe(true)
      expect([replies[100]!.status, replies[100]!.body.code, replies[100]!.headers.get('x-ogw-ratelimit-limit')]).toEqual([
        429,
        99991400,
        '100'
      ])
      expect(Number(replies[100]!.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThanOrEqual(50)
    } finally {
      await limited.sandbox.close()
    }
  })

  it('resourceRateLimits: false turns them off', async () => {
    // The shared sandbox has them off: 10 docx calls in a row all answer.
    const replies = []
    for (let i = 0; i < 10; i++) replies.push((await as(TEST_APP, 'docx', IDS.editableDocx)).status)
    expect(replies).toEqual(Array(10).fill(200))
  })
})

describe('the request log', () => {
  const last = () => sandbox.requests.at(-1)!

  it("records each answer's HTTP status and Feishu code, and tells onRequest once it is sent", async () => {
    await as(TEST_APP, 'chat', IDS.otherChat)
    expect(last()).toMatchObject({ method: 'GET', path: path.chat(IDS.otherChat), status: 200, code: 0 })
    await as(PROBE_APP, 'docx', T(4))
    expect(last()).toMatchObject({ status: 403, code: 1770032 })
    expect(seen.at(-1)).toBe(last())
  })

  it('a page that is not JSON has a status and no code', async () => {
    await call(sandbox, '', '/nowhere')
    expect(last().status).toBe(404)
    expect(last()).not.toHaveProperty('code')
  })

  it('faults are recorded too: their status and code, or neither when the connection drops', async () => {
    sandbox.failNext(faults.json(503, { code: 1234, msg: 'busy' }))
    await call(sandbox, '', '/open-apis/application/v6/scopes')
    expect(last()).toMatchObject({ status: 503, code: 1234 })
    sandbox.failNext(faults.reset())
    await expect(call(sandbox, '', '/open-apis/application/v6/scopes')).rejects.toThrow()
    const dropped = last()
    for (let waited = 0; seen.at(-1) !== dropped && waited < 2000; waited += 20) await new Promise(r => setTimeout(r, 20))
    expect(seen.at(-1)).toBe(dropped)
    expect(dropped).not.toHaveProperty('status')
    expect(dropped).not.toHaveProperty('code')
  })
})

describe('the console pages the grant links open', () => {
  it('/app/{app_id}: a plain page saying it is the sandbox, and what the console shows there', async () => {
    const reply = await call(sandbox, '', `/app/${TEST_APP.appId}`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(reply.text).toContain('This is the sandbox')
    expect(reply.text).toContain(`https://open.feishu.cn/app/${TEST_APP.appId}`)
    expect(reply.text).toContain('凭证与基础信息')
  })

  it('/app/{app_id}/auth: the Permissions & Scopes page, the scopes searched for, on the app identity, as the sandbox holds them', async () => {
    const reply = await call(
      sandbox,
      '',
      `/app/${TEST_APP.appId}/auth?q=im:message,bitable:app,docx:document&op_from=openapi&token_type=tenant`
    )
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('权限管理')
    expect(reply.text).toContain('on the app identity (token_type=tenant')
    expect(reply.text).toContain('<li><code>im:message</code>: granted in the sandbox</li>')
    expect(reply.text).toContain('<li><code>bitable:app</code>: awaiting approval in the sandbox</li>')
    expect(reply.text).toContain('<li><code>docx:document</code>: not configured in the sandbox</li>')
  })

  it('the link of a 99991672 answer opens that page', async () => {
    const denied = await as(NO_SCOPE_APP, 'docx', T(6))
    const link = new URL((denied.body.error!.helps as Array<{ url: string }>)[0]!.url)
    const reply = await call(sandbox, '', link.pathname + link.search)
    expect(reply.status).toBe(200)
    for (const scope of RESOURCE_SCOPES.docx) expect(reply.text).toContain(`<code>${scope}</code>`)
  })

  it('a request target no URL parser takes is a 404, and the sandbox goes on', async () => {
    for (const target of ['//[', 'http://[']) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(sandbox.port, '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
        )
        let answer = ''
        socket.on('data', chunk => (answer += chunk)).on('error', reject)
        socket.on('close', () => resolve(answer.split('\r\n')[0]!))
      })
      expect([target, head]).toEqual([target, 'HTTP/1.1 404 Not Found'])
    }
    expect((await call(sandbox, '', `/app/${TEST_APP.appId}`)).status).toBe(200)
  }, 5000)

  it('escapes everything taken from the URL', async () => {
    const q = encodeURIComponent('im:message,<script>alert(1)</script>,"\'&')
    const reply = await call(sandbox, '', `/app/${encodeURIComponent('<b>cli</b>')}/auth?q=${q}&token_type=tenant`)
    expect(reply.status).toBe(200)
    expect(reply.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
    expect(reply.text).toContain('&#34;&#39;&#38;')
    expect(reply.text).toContain('&#60;b&#62;cli&#60;/b&#62;')
    expect(reply.text).not.toMatch(/<script|<b>/)
    expect(reply.text).toContain('The sandbox has no app with this ID.')
    expect(reply.headers.get('content-security-policy')).toBe("default-src 'none'")
  })
})
