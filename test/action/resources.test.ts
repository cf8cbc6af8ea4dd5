// Ready means ready, down to the resource: the chats, Bases and documents the automation uses ('required-access'). The
// built bundle, run as the runner runs it, against the sandbox's resource calls: each kind reachable, each way of being
// out of reach in its own words, checks that could not be made, bad entries refused before any request, nothing of the
// tenant's data (titles, names) or the workflow's labels acting anywhere; and on the network, the checks several at
// once on the run's one agent, a stalled one dropped and retried alone.
import MarkdownIt from 'markdown-it'
import type { RunResult } from '../../harness/run-action.js'
import {
  FENCED_APP,
  RESOURCE_SCOPES,
  TEST_RESOURCE_IDS as ID,
  type Fault,
  type Sandbox,
  type SandboxApp,
  type SandboxResources,
  TEST_APP,
  faults,
  reachingMore
} from '../../harness/sandbox.js'
import { MAX_IN_FLIGHT } from '../../src/checks/access.js'
import { runBundle, servers } from '../support/action.js'

let sandbox: Sandbox

async function serve(app: Partial<SandboxApp> = {}): Promise<SandboxApp> {
  const served = { ...TEST_APP, ...app }
  sandbox = await servers.sandbox({ apps: [served] })
  return served
}

/** The tenant's data never shows: every title and name the sandbox answers with holds this marker. */
function expectNoTenantData(result: RunResult): void {
  expect(result.stdout + result.stderr + result.files.summary + result.files.output + result.files.env).not.toContain('SANDBOX-TITLE')
}

/** A run of the bundle with these resources in 'required-access' (one a line), in debug mode. */
async function check(app: SandboxApp, lines: string[], inputs: Record<string, string> = {}): Promise<RunResult> {
  const result = await runBundle({
    sandbox,
    app,
    inputs: { 'required-access': lines.join('\n'), ...inputs },
    env: { RUNNER_DEBUG: '1' }
  })
  expectNoTenantData(result)
  return result
}

const resourcePaths = () => sandbox.requests.map(r => r.path).filter(path => !path.startsWith('/open-apis/auth/'))
const LINK = 'https://sandbox.feishu.cn'
const lineAbout = (result: RunResult, id: string) =>
  result.errors
    .join('\n')
    .split('\n')
    .find(line => line.includes(id))

describe('reachable', () => {
  it('every kind, with edit where it applies: one read call each (and one for edit), the step passes', async () => {
    const app = await serve({
      resources: {
        chats: { [ID.releaseChat]: { botInChat: true } },
        bases: { [ID.sharedBase]: { access: 'edit' } },
        docx: { [ID.editableDocx]: { access: 'edit' } },
        sheets: { [ID.sheet]: { access: 'read' } },
        // A wiki page is a document in a wiki: checked as the document it holds.
        wikiNodes: { [ID.wikiNode]: { spaceId: ID.wikiSpace, access: 'edit', objType: 'docx', objToken: 'doxcnWikiPage1' } },
        wikiSpaces: { [ID.wikiSpace]: { member: true } },
        folders: { [ID.folder]: { access: 'read' } },
        calendars: { [ID.calendar]: { role: 'writer' } }
      }
    })
    const result = await check(app, [
      `${ID.releaseChat} # release chat`,
      `${LINK}/base/${ID.sharedBase}?table=tblx&view=vewy edit # release tracker`,
      `${LINK}/docx/${ID.editableDocx} edit`,
      `${LINK}/sheets/${ID.sheet}?sheet=abc`,
      `${LINK}/wiki/${ID.wikiNode} edit`,
      `${LINK}/wiki/settings/${ID.wikiSpace}`,
      `${LINK}/drive/folder/${ID.folder}`,
      `calendar:${ID.calendar} edit`
    ])
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-access']).toBe('[]')
    expect(result.stdout).toContain("The app reaches all 8 resources in 'required-access' (4 with edit rights).")
    expect(resourcePaths().sort()).toEqual(
      [
        `/open-apis/im/v1/chats/${ID.releaseChat}/members/is_in_chat`,
        `/open-apis/bitable/v1/apps/${ID.sharedBase}`,
        `/open-apis/drive/v1/permissions/${ID.sharedBase}/members/auth?type=bitable&action=edit`,
        `/open-apis/docx/v1/documents/${ID.editableDocx}`,
        `/open-apis/drive/v1/permissions/${ID.editableDocx}/members/auth?type=docx&action=edit`,
        `/open-apis/sheets/v3/spreadsheets/${ID.sheet}`,
        `/open-apis/wiki/v2/spaces/get_node?token=${ID.wikiNode}`,
        '/open-apis/docx/v1/documents/doxcnWikiPage1',
        '/open-apis/drive/v1/permissions/doxcnWikiPage1/members/auth?type=docx&action=edit',
        `/open-apis/wiki/v2/spaces/${ID.wikiSpace}`,
        '/open-apis/drive/v1/metas/batch_query',
        `/open-apis/calendar/v4/calendars/${ID.calendar}`
      ].sort()
    )
    expect(result.summary).toContain('## Feishu/Lark tenant token: ✅ Token issued')
    expect(result.summary).toContain('The app reaches all 8 resources in `required-access`.')
    expect(result.summary).toContain('| `release tracker` | Base | `koaiEIDOCn9Fh3Ysg8ECl98dxKF` | read and edit | ✅ can read and edit |')
    // All on the run's one agent: at most as many connections as requests were in flight at once.
    expect(sandbox.connectionCount()).toBeLessThanOrEqual(10)
  })

  it('with required-access empty: no request but the token', async () => {
    const app = await serve()
    const result = await check(app, [])
    expect(result.exitCode).toBe(0)
    expect(resourcePaths()).toEqual([])
    expect(result.outputs).not.toHaveProperty('missing-access')
    expect(result.summary).not.toContain('### Resources')
  })
})

describe('out of reach, each in its own words', () => {
  it.each<[string, SandboxResources, string, RegExp]>([
    [
      'the bot is not in the chat',
      { chats: { [ID.otherChat]: { botInChat: false } } },
      ID.otherChat,
      /^- "release chat" \(chat oc_\w+\): the app's bot is not in this chat\. Add the app's bot to the group: in the chat, Settings → Bots → Add Bot \(设置 → 群机器人 → 添加机器人\)\. \(log id \w+\)$/
    ],
    [
      'a document not shared with the app',
      { docx: { [ID.editableDocx]: { access: 'none' } } },
      `docx:${ID.editableDocx}`,
      /^- document \w+: the document is not shared with the app\. Share it with the app: in the document, "\.\.\." → More → Add apps \(添加文档应用\), and pick the app .*\(code 1770032, HTTP 403, log id \w+\)$/
    ],
    [
      'a document that does not exist',
      {},
      `docx:${ID.editableDocx}`,
      /^- document \w+: no such document, or it was deleted\. Check the document's id in 'required-access', or give the link the browser shows while it is open\. \(code 1770002, HTTP 404, log id \w+\)$/
    ],
    [
      'a deleted document',
      { docx: { [ID.editableDocx]: { access: 'read', deleted: true } } },
      `docx:${ID.editableDocx}`,
      /^- document \w+: the document was deleted\. Restore the document from the trash, or take it out of 'required-access'\. \(code 1770003, /
    ],
    [
      'a Base not shared with the app',
      { bases: { [ID.sharedBase]: { access: 'none' } } },
      `${LINK}/base/${ID.sharedBase}`,
      /^- Base \w+: the Base is not shared with the app\. Share it with the app: in the Base, .*Add apps \(添加文档应用\).*\(code 91403, /
    ],
    [
      'a Base with advanced permissions',
      { bases: { [ID.sharedBase]: { access: 'read', advanced: true } } },
      `base:${ID.sharedBase}`,
      /^- Base \w+: the Base uses advanced permissions and no role of it holds the app\. Add the app, or a group that holds its bot, to a role of the Base: in the Base, Advanced permissions \(高级权限\)\. \(code 1254302, /
    ],
    [
      'a spreadsheet not shared with the app',
      { sheets: { [ID.sheet]: { access: 'none' } } },
      `sheet:${ID.sheet}`,
      /^- spreadsheet \w+: the spreadsheet is not shared with the app\. .*\(code 1310213, /
    ],
    [
      'a wiki page in a space the app is not a member of',
      { wikiNodes: { [ID.wikiNode]: { spaceId: ID.wikiSpace, access: 'none' } }, wikiSpaces: { [ID.wikiSpace]: { member: false } } },
      `${LINK}/wiki/${ID.wikiNode}`,
      /^- wiki page \w+: the app is not a member of the wiki space, and the page is not shared with it\. Add the app \(or a group that holds its bot\) as a member of the wiki space, or share the page with it.*\(code 131006, /
    ],
    [
      'a wiki space the app is not a member of',
      { wikiSpaces: { [ID.wikiSpace]: { member: false } } },
      `wiki-space:${ID.wikiSpace}`,
      /^- wiki space \d+: the app is not a member of this wiki space\. Add the app .* as a member of the wiki space, in the space's settings\. \(code 131006, /
    ],
    [
      'a folder not shared with the app (failed_list)',
      { folders: { [ID.folder]: { access: 'none' } } },
      `folder:${ID.folder}`,
      /^- Drive folder \w+: the Drive folder is not shared with the app\. Share the folder with the app .*\(code 970003, HTTP 200, /
    ],
    [
      'a deleted folder (failed_list)',
      { folders: { [ID.folder]: { access: 'read', deleted: true } } },
      `${LINK}/drive/folder/${ID.folder}`,
      /^- Drive folder \w+: no such Drive folder, or it was deleted\. Check the link .*\(code 970005, HTTP 200, /
    ],
    [
      'a calendar of which the app sees only free/busy',
      { calendars: { [ID.calendar]: { role: 'free_busy_reader' } } },
      `calendar:${ID.calendar}`,
      /^- calendar \S+: the app may see only when this calendar is free or busy \(role 'free_busy_reader'\), not its events\. Share the calendar with the app, as a reader at least/
    ],
    [
      'a calendar not shared with the app',
      { calendars: { [ID.calendar]: { role: 'none' } } },
      `calendar:${ID.calendar}`,
      /^- calendar \S+: the calendar is not shared with the app\. .*\(code 191002, /
    ]
  ])('%s', async (_what, resources, entry, words) => {
    const app = await serve({ resources })
    const written = entry.startsWith('oc_') ? `${entry} # release chat` : entry
    const result = await check(app, [written])
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(new RegExp(`^The resource in 'required-access' is out of reach for app ${app.appId}:\\n`))
    expect(result.errors[0]!.split('\n')[1]).toMatch(words)
    expect(result.outputs['missing-access']).toBe(JSON.stringify([entry]))
    expect(result.summary).toContain('## Feishu/Lark tenant token: ❌ Resources out of reach')
    expect(result.stdout).not.toContain('Retrying')
  })

  it('edit rights: read first, then the permission call; readable but not editable is said as such', async () => {
    const app = await serve({
      resources: { docx: { [ID.editableDocx]: { access: 'read' } }, calendars: { [ID.calendar]: { role: 'reader' } } }
    })
    const result = await check(app, [`docx:${ID.editableDocx} edit # runbook`, `calendar:${ID.calendar} edit`])
    expect(result.exitCode).toBe(1)
    expect(lineAbout(result, ID.editableDocx)).toMatch(
      /^- "runbook" \(document \w+\), with edit rights: the app can read this document but not edit it\. Give the app edit rights: .*Add apps \(添加文档应用\).*with the permission to edit\. \(log id \w+\)$/
    )
    expect(lineAbout(result, ID.calendar)).toMatch(
      /with edit rights: the app can read this calendar but not edit it\. Make the app a writer of the calendar/
    )
    expect(JSON.parse(result.outputs['missing-access']!)).toEqual([`calendar:${ID.calendar} edit`, `docx:${ID.editableDocx} edit`])
    expect(resourcePaths()).toContain(`/open-apis/drive/v1/permissions/${ID.editableDocx}/members/auth?type=docx&action=edit`)
    // A calendar's role says it all: no permission call.
    expect(resourcePaths().filter(path => path.includes(encodeURIComponent(ID.calendar)) || path.includes(ID.calendar))).toHaveLength(1)
  })

  it('a calendar read by a reader passes without edit', async () => {
    const app = await serve({ resources: { calendars: { [ID.calendar]: { role: 'reader' } } } })
    const result = await check(app, [`calendar:${ID.calendar}`])
    expect(result.exitCode).toBe(0)
  })

  it('not found and no access are told apart for every kind that can tell', async () => {
    const app = await serve({ resources: { docx: { [ID.editableDocx]: { access: 'none' } } } })
    const result = await check(app, [`docx:${ID.editableDocx}`, 'docx:NoSuchDocument00000000000'])
    expect(lineAbout(result, ID.editableDocx)).toContain('is not shared with the app')
    expect(lineAbout(result, 'NoSuchDocument00000000000')).toContain('no such document, or it was deleted')
  })
})

describe('checks that cannot be made are not a pass', () => {
  it('no scope for a check: the 99991672 answer names the scopes that would allow it', async () => {
    const app = await serve({ scopes: TEST_APP.scopes!.filter(s => !RESOURCE_SCOPES.docx.includes(s.scope_name)) })
    const result = await check(app, [`docx:${ID.editableDocx}`])
    expect(result.exitCode).toBe(1)
    expect(lineAbout(result, ID.editableDocx)).toMatch(
      /the app holds none of the scopes that reading a document needs, so the check could not be made\. Enable one of docx:document, docx:document:readonly for the app identity on the app's Permissions & Scopes \(权限管理\) page .*\(code 99991672, HTTP 400, log id \w+\)$/
    )
    expect(result.outputs['missing-access']).toBe(JSON.stringify([`docx:${ID.editableDocx}`]))
  })

  it('no scope for a check, when the gate listed the scopes: said without a request', async () => {
    const app = await serve({ scopes: TEST_APP.scopes!.filter(s => !RESOURCE_SCOPES.calendar.includes(s.scope_name)) })
    const result = await check(app, [`calendar:${ID.calendar}`], { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(1)
    expect(resourcePaths()).toEqual(['/open-apis/application/v6/scopes'])
    expect(lineAbout(result, ID.calendar)).toMatch(
      /needs, so the check could not be made\. Enable one of calendar:calendar, calendar:calendar:read, calendar:calendar:readonly for the app identity/
    )
  })

  it('no scope for the edit check: names the scopes of the permission call', async () => {
    const app = await serve({ scopes: TEST_APP.scopes!.filter(s => s.scope_name !== 'docs:permission.member:auth') })
    const result = await check(app, [`docx:${ID.editableDocx} edit`])
    expect(result.exitCode).toBe(1)
    expect(lineAbout(result, ID.editableDocx)).toMatch(
      /that the check of edit rights needs.*Enable one of docs:permission\.member:auth, drive:drive/
    )
  })

  it('99991401 on a resource call: the allowlist explained once, never retried; the other checks say why they were not made', async () => {
    sandbox = await servers.sandbox({ apps: [FENCED_APP] })
    const lines = [`docx:${ID.editableDocx}`, ...Array.from({ length: 12 }, (_, n) => `base:Base${String(n).padStart(23, '0')}`)]
    const result = await check(FENCED_APP, lines)
    expect(result.exitCode).toBe(1)
    const error = result.errors[0]!
    expect(error.match(/IP allowlist/g)).toHaveLength(2)
    expect(error.match(/The token endpoint ignores the allowlist, which is why a token was issued/g)).toHaveLength(1)
    expect(error).toMatch(/not checked, because every call from this runner gets the answer that \w+ \w+ got\./)
    // The first answer stopped the rest: no more than were already in flight, and none retried.
    expect(resourcePaths().length).toBeLessThanOrEqual(8)
    expect(new Set(resourcePaths()).size).toBe(resourcePaths().length)
    expect(JSON.parse(result.outputs['missing-access']!)).toHaveLength(13)
    expect(result.stdout).not.toContain('Retrying')
  })

  it('the allowlist fails the step even under on-missing-access: warn: no call from this runner gets through', async () => {
    sandbox = await servers.sandbox({ apps: [FENCED_APP] })
    const result = await check(FENCED_APP, [`${ID.releaseChat} # release chat`, `docx:${ID.editableDocx}`], { 'on-missing-access': 'warn' })
    expect(result.exitCode).toBe(1)
    expect(result.warnings).toEqual([])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/IP allowlist/)
    expect(result.errors[0]).toMatch(
      /\n'on-missing-access: warn' does not let this pass: no call from this runner gets through, so the app cannot work here\.$/
    )
    expect(JSON.parse(result.outputs['missing-access']!)).toEqual([`docx:${ID.editableDocx}`, ID.releaseChat])
  })

  it('a failure before the checks (the gate stopped at the allowlist) leaves every entry listed, as not checked', async () => {
    sandbox = await servers.sandbox({ apps: [FENCED_APP] })
    const result = await check(FENCED_APP, [`${ID.releaseChat} # release chat`, `docx:${ID.editableDocx} edit`], {
      'required-scopes': 'im:message'
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Could not list the app's scopes: this runner's public IP address/)])
    expect(resourcePaths()).toEqual(['/open-apis/application/v6/scopes'])
    expect(JSON.parse(result.outputs['missing-access']!)).toEqual([`docx:${ID.editableDocx} edit`, ID.releaseChat])
    expect(result.summary).toContain(
      '| `release chat` | chat | `oc_96ce72da5955ef8c921b2e15f9ab6b8f` | read | ⚠️ not checked (see the error) |'
    )
  })

  it('a spreadsheet is checked with sheets:spreadsheet.meta:read alone: the catalogue lists it for the call', async () => {
    const app = await serve({
      scopes: [
        ...TEST_APP.scopes!.filter(s => !RESOURCE_SCOPES.sheets.includes(s.scope_name)),
        { scope_name: 'sheets:spreadsheet.meta:read', grant_status: 1, scope_type: 'tenant' }
      ]
    })
    const result = await check(app, [`sheet:${ID.sheet}`], { 'required-scopes': 'im:message' })
    expect(result.errors).toEqual([])
    expect(resourcePaths()).toEqual(['/open-apis/application/v6/scopes', `/open-apis/sheets/v3/spreadsheets/${ID.sheet}`])
  })

  it("a check whose only scope awaits the admin's approval says so, and how to ask", async () => {
    const app = await serve({
      scopes: [
        ...TEST_APP.scopes!.filter(s => !RESOURCE_SCOPES.docx.includes(s.scope_name)),
        { scope_name: 'docx:document', grant_status: 2, scope_type: 'tenant' }
      ]
    })
    const result = await check(app, [`docx:${ID.editableDocx}`], { 'required-scopes': 'im:message' })
    expect(result.exitCode).toBe(1)
    expect(resourcePaths()).toEqual(['/open-apis/application/v6/scopes'])
    expect(lineAbout(result, ID.editableDocx)).toBe(
      `- document ${ID.editableDocx}: the app's scope for reading a document (docx:document) awaits the tenant admin's approval, so the check could not be made. Ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them.`
    )
  })

  it('a transient 5xx is retried, alone; the step passes', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(503, { code: 1, msg: 'busy' }))
    const result = await check(app, [`docx:${ID.editableDocx}`], { 'max-attempts': '3' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/Attempt 1 of 3 failed: code 1 \(HTTP 503\)/)
    expect(resourcePaths()).toEqual([`/open-apis/docx/v1/documents/${ID.editableDocx}`, `/open-apis/docx/v1/documents/${ID.editableDocx}`])
  })

  it("checks still waiting their turn when the step's deadline passes are not sent, and say so: no blame on the network", async () => {
    const app = await serve()
    // Documents go 5 a second: with 1.5 s in all, the third five never get their turn.
    const docs = Array.from({ length: 15 }, (_, n) => `Doc${String(n).padStart(24, '0')}`)
    const result = await check(
      app,
      docs.map(id => `docx:${id}`),
      { 'timeout-seconds': '1.5' }
    )
    expect(result.exitCode).toBe(1)
    const sent = resourcePaths().length
    expect(sent).toBeGreaterThanOrEqual(5)
    expect(sent).toBeLessThan(15)
    const notSent = docs.filter(id =>
      /: not sent: the deadline set by 'timeout-seconds' \(1\.5 s, retries included\) had passed before its turn came/.test(
        lineAbout(result, id) ?? ''
      )
    )
    expect(notSent).toHaveLength(15 - sent)
    expect(lineAbout(result, notSent[0]!)).toMatch(
      /^- Could not check document Doc\d+: not sent: .*\(the checks go a few at a time, documents at most 5 a second\)\. Raise 'timeout-seconds', or list fewer resources\.$/
    )
    expect(result.errors[0]).not.toMatch(/did not answer within/)
  })

  it('retries used up: could not be checked, with the failure in words', async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(503, { code: 1, msg: 'busy' }), faults.json(503, { code: 1, msg: 'busy' }))
    const result = await check(app, [`docx:${ID.editableDocx}`], { 'max-attempts': '2' })
    expect(result.exitCode).toBe(1)
    expect(lineAbout(result, ID.editableDocx)).toMatch(/^- Could not check document \w+: .*HTTP 503/)
    expect(result.summary).toContain('⚠️ could not be checked')
  })
})

describe('inside a wiki, and the objects only the permission call answers for', () => {
  it('a Base in a wiki page is checked as the Base it holds; with advanced permissions, said as such', async () => {
    const app = await serve()
    const result = await check(app, [`${LINK}/wiki/${ID.baseInWiki} # tracker`, `${LINK}/wiki/${ID.advancedBaseInWiki}`])
    expect(result.exitCode).toBe(1)
    // The page first (its answer names the object), then the object, with the token the browser never shows.
    const at = (path: string) => resourcePaths().indexOf(path)
    expect(at(`/open-apis/wiki/v2/spaces/get_node?token=${ID.baseInWiki}`)).toBeGreaterThanOrEqual(0)
    expect(at(`/open-apis/bitable/v1/apps/${ID.baseInWikiToken}`)).toBeGreaterThan(
      at(`/open-apis/wiki/v2/spaces/get_node?token=${ID.baseInWiki}`)
    )
    expect(at(`/open-apis/wiki/v2/spaces/get_node?token=${ID.advancedBaseInWiki}`)).toBeGreaterThanOrEqual(0)
    expect(resourcePaths()).toHaveLength(4)
    expect(result.summary).toContain(`| \`tracker\` | Base (in a wiki page) | \`${ID.baseInWiki}\` | read | ✅ reachable |`)
    expect(lineAbout(result, ID.advancedBaseInWiki)).toMatch(
      /^- Base in wiki page \w+: the Base uses advanced permissions and no role of it holds the app\. Add the app, or a group that holds its bot, to a role of the Base/
    )
    expect(JSON.parse(result.outputs['missing-access']!)).toEqual([`${LINK}/wiki/${ID.advancedBaseInWiki}`])
  })

  it("91402 on a Base: the Base's link may be a wiki page's, and where to find the right one", async () => {
    const app = await serve()
    sandbox.failNext(faults.pass(), faults.json(400, { code: 91402, msg: 'NOTEXIST' }))
    const result = await check(app, [`base:${ID.sharedBase}`])
    expect(result.exitCode).toBe(1)
    expect(lineAbout(result, ID.sharedBase)).toMatch(
      /no Base has this token\. Check the Base's link in 'required-access'\. If the Base lives in a wiki, list the link the browser shows for it .*\(code 91402, HTTP 400, log id \w+\)$/
    )
  })

  it('a legacy document, an uploaded file, a mind note, a presentation and a Minutes recording: one permission call each', async () => {
    const app = await serve()
    const kinds: Array<[string, string, string]> = [
      ['docs', ID.legacyDoc, 'doc'],
      ['file', ID.file, 'file'],
      ['mindnotes', ID.mindnote, 'mindnote'],
      ['slides', ID.slides, 'slides'],
      ['minutes', ID.minutes, 'minutes']
    ]
    const result = await check(app, [
      ...kinds.map(([path, id]) => `${LINK}/${path}/${id}`),
      `https://applink.feishu.cn/client/chat/open?openChatId=${ID.releaseChat} # from a bot card`
    ])
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(resourcePaths().sort()).toEqual(
      [
        ...kinds.map(([, id, type]) => `/open-apis/drive/v1/permissions/${id}/members/auth?type=${type}&action=view`),
        `/open-apis/im/v1/chats/${ID.releaseChat}/members/is_in_chat`
      ].sort()
    )
    expect(result.summary).toContain(`| \`mind note ${ID.mindnote}\` | mind note | \`${ID.mindnote}\` | read | ✅ reachable |`)
    expect(result.summary).toContain(`| \`from a bot card\` | chat | \`${ID.releaseChat}\` |`)
  })
})

describe("the tenant's monthly quota of API calls", () => {
  it('used up: said once, with what to do; no further request, none retried; it fails even under warn', async () => {
    // Enough quota for the scopes call and the first check.
    const app = await serve({ quotaLeft: 2 })
    const lines = [
      `${ID.releaseChat}`,
      `base:${ID.sharedBase}`,
      ...Array.from({ length: 8 }, (_, n) => `base:Base${String(n).padStart(23, '0')}`)
    ]
    const result = await check(app, lines, { 'required-scopes': 'im:message', 'on-missing-access': 'warn', 'max-attempts': '3' })
    expect(result.exitCode).toBe(1)
    expect(result.warnings).toEqual([])
    const error = result.errors[0]!
    expect(error.match(/the tenant's monthly quota of Open Platform API calls is used up/g)).toHaveLength(1)
    expect(error).toMatch(
      /retrying only spends more, so the action sends no further request.*\(code 99991403, msg ".*", HTTP 429, log id \w+\)/
    )
    expect(error).toMatch(/\n'on-missing-access: warn' does not let this pass/)
    // The ones already in flight were answered the same; none was sent again, and none after.
    const refused = sandbox.requests.filter(r => r.status === 429).map(r => r.path)
    expect(new Set(refused).size).toBe(refused.length)
    expect(resourcePaths().length).toBeLessThan(1 + lines.length)
    expect(result.stdout).not.toContain('Retrying')
    expect(result.stdout).toMatch(
      /The Open Platform API answered \d+ requests of this run; API calls count against the tenant's monthly quota\./
    )
  })
})

describe('a stalled check is retried alone', () => {
  const four = [ID.releaseChat, `base:${ID.sharedBase}`, `calendar:${ID.calendar}`, `sheet:${ID.sheet}`]

  it('direct: the stalled request drops its own connection; another in flight when it is dropped goes on', async () => {
    const docs = Array.from({ length: 6 }, (_, n) => `Doc${n}AnjPtuBOM5sVoeInkALWWb`)
    const app = await serve({ resources: { docx: Object.fromEntries(docs.map(id => [id, { access: 'read' as const }])) } })
    // Documents allow 5 calls a second: the first five go at once, and the one of them that never answers is dropped
    // at the attempt limit (2 s); the sixth goes a second after the others were answered, and answers slowly, so it
    // is in flight when the first is dropped, on a connection of its own.
    sandbox.failNext(faults.pass(), faults.hang(), faults.pass(), faults.pass(), faults.pass(), faults.pass(), faults.slow(1500))
    const result = await check(
      app,
      docs.map(id => `docx:${id}`),
      { 'attempt-timeout-seconds': '2' }
    )
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.stdout.match(/Attempt 1 of 4 failed: no answer in 2 s\./g)).toHaveLength(1)
    const counts = new Map<string, number>()
    for (const path of resourcePaths()) counts.set(path, (counts.get(path) ?? 0) + 1)
    expect([...counts.values()].sort()).toEqual([1, 1, 1, 1, 1, 2])
  })

  it('a retry whose turn comes too late fails with what the sent attempt met, never as "not sent"', async () => {
    const docs = Array.from({ length: 8 }, (_, n) => `Doc${n}AnjPtuBOM5sVoeInkALWWb`)
    const app = await serve({ resources: { docx: Object.fromEntries(docs.map(id => [id, { access: 'read' as const }])) } })
    // No document check is ever answered; documents go 5 a second, so retries wait for turns near the deadline.
    sandbox.failNext(faults.pass(), ...docs.flatMap(() => [faults.hang(), faults.hang()]))
    const result = await check(
      app,
      docs.map(id => `docx:${id}`),
      { 'timeout-seconds': '4', 'attempt-timeout-seconds': '1.5', 'max-attempts': '2' }
    )
    expect(result.exitCode).toBe(1)
    for (const id of docs) {
      const sent = resourcePaths().some(path => path.includes(id))
      const line = lineAbout(result, id) ?? ''
      expect([id, sent, / not sent: /.test(line)]).toEqual([id, sent, !sent])
      if (sent) expect(line).toMatch(/did not answer within|no answer in/)
    }
  })

  it('through a proxy: a tunnel that never opens is dropped and retried alone; the tunnels already open go on', async () => {
    // CONNECT 1 carries the token; 2-4 open at once for the checks, and the proxy never answers the third of them.
    const hosts = await servers.publicHosts({}, { blackHole: n => n === 3 })
    sandbox = hosts.sandbox
    const result = await runBundle({
      publicHosts: hosts,
      inputs: { 'required-access': four.join('\n'), 'attempt-timeout-seconds': '1' }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.stdout.match(/Attempt 1 of 4 failed: no tunnel from the proxy in time\./g)).toHaveLength(1)
    expect(new Set(resourcePaths()).size).toBe(4)
    expect(resourcePaths()).toHaveLength(4)
  })
})

describe('on-missing-access: warn', () => {
  it('a warning names every unreachable resource; the step passes; the output lists them, sorted, as written', async () => {
    const app = await serve()
    const result = await check(
      app,
      [`${ID.otherChat} # other chat`, `${LINK}/base/${ID.advancedBase}`, `${ID.releaseChat} # release chat`],
      { 'on-missing-access': 'warn' }
    )
    expect(result.exitCode).toBe(0)
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([expect.stringMatching(/^2 of 3 resources in 'required-access' are out of reach/)])
    expect(result.warnings[0]).toContain(ID.otherChat)
    expect(result.warnings[0]).toContain(ID.advancedBase)
    expect(result.outputs['missing-access']).toBe(JSON.stringify([`${LINK}/base/${ID.advancedBase}`, ID.otherChat]))
    expect(result.summary).toContain('## Feishu/Lark tenant token: ⚠️ Token issued, resources out of reach')
  })
})

describe('bad entries are refused before any request', () => {
  it('every malformed entry at once, each quoted, with what is expected', async () => {
    const app = await serve()
    const result = await check(app, [
      'https://sandbox.feishu.cn/drive/home',
      'ftp://sandbox.feishu.cn/base/abc',
      'base:bad/token',
      'ticket:123',
      `${ID.releaseChat} edit`,
      `folder:${ID.folder} edit`,
      'bascnAbc',
      `docx:${ID.editableDocx} read`,
      `${ID.releaseChat}, ${ID.otherChat}`,
      'im:message',
      `# ${ID.otherChat}   # set aside`,
      `docx:${ID.editableDocx}`,
      `${LINK}/docx/${ID.editableDocx} edit`
    ])
    expect(result.exitCode).toBe(1)
    expect(sandbox.requests).toEqual([])
    const lines = result.errors[0]!.split('\n')
    expect(lines).toHaveLength(12)
    expect(lines[0]).toMatch(
      /^Input 'required-access', line 1 \("https:\/\/sandbox\.feishu\.cn\/drive\/home"\): this link is not to a chat, Base, document, .*Minutes recording\.$/
    )
    expect(lines[1]).toMatch(/line 2 \("ftp:.*"\): links start with https:\/\/, not ftp:\/\//)
    expect(lines[2]).toMatch(/line 3 \("base:bad\/token"\): a Base's id is letters and digits/)
    expect(lines[3]).toMatch(/line 4 \("ticket:123"\): "ticket" is not a kind this action checks/)
    expect(lines[4]).toMatch(/line 5 .*'edit' does not apply to a chat/)
    expect(lines[5]).toMatch(/line 6 .*'edit' does not apply to a Drive folder/)
    expect(lines[6]).toMatch(/line 7 \("bascnAbc"\): this is neither a link, a chat id \(oc_\.\.\.\) nor KIND:ID/)
    expect(lines[7]).toMatch(/line 8 .*one resource a line, and after it only the word 'edit'/)
    expect(lines[8]).toMatch(/line 9 .*one resource a line: put each on a line of its own \(commas do not separate them/)
    expect(lines[9]).toMatch(
      /line 10 \("im:message"\): "im" is not a kind this action checks \(a permission scope, such as "im:message", goes in 'required-scopes'\)\.$/
    )
    // Line 11 is a comment; line 13 names line 12's document again.
    expect(lines[10]).toMatch(/^Input 'required-access', line 13 \(".*"\) names the same document as line 12: list it once, with 'edit'/)
    // What a line may hold, said once, after the lines.
    expect(lines[11]).toMatch(
      /^Input 'required-access' takes one resource a line: a browser link to a Base .*a line that starts with '#' is a comment\.$/
    )
    expect(lines.slice(0, 11).join('\n')).not.toContain('takes one resource a line')
  })

  it('a Feishu link with region lark names the region; larkoffice.com serves both', async () => {
    const app = await serve()
    const result = await runBundle({
      app,
      inputs: {
        region: 'lark',
        'required-access': `https://acme.feishu.cn/base/${ID.sharedBase}\nhttps://acme.larkoffice.com/docx/${ID.editableDocx}`
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Input 'required-access', line 1 \("https:\/\/acme\.feishu\.cn\/base\/\w+"\): it is a Feishu link, but 'region' is 'lark' \(Lark\).*set `region: feishu`/
      )
    ])
  })

  it("with base-url set to a region's API, a link of the other region names 'base-url', not 'region'", async () => {
    const app = await serve()
    const result = await runBundle({
      app,
      inputs: {
        'base-url': 'https://open.larksuite.com',
        'required-access': `https://acme.feishu.cn/base/${ID.sharedBase}`
      }
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `Input 'required-access', line 1 ("https://acme.feishu.cn/base/${ID.sharedBase}"): it is a Feishu link, but 'base-url' is 'https://open.larksuite.com' (Lark): an app reaches only the resources of its own region; set 'base-url' to 'https://open.feishu.cn' if the app is a Feishu app.`
    ])
  })

  it('more than 50 entries', async () => {
    const app = await serve()
    const result = await check(
      app,
      Array.from({ length: 51 }, (_, n) => `docx:Doc${String(n).padStart(24, '0')}`)
    )
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/^Input 'required-access' has 51 entries: at most 50/)
    expect(sandbox.requests).toEqual([])
  })
})

describe('labels and answers stay inert', () => {
  const md = new MarkdownIt({ html: true, linkify: true })

  it('a label that looks like a command, Markdown or HTML is shown quoted in the log and as code in the summary', async () => {
    const app = await serve()
    const label = '::error::owned <img src=x> [x](https://evil.example) **b** 发布群 🚀'
    const result = await check(app, [`${ID.otherChat} # ${label}`])
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.commands.filter(([command]) => command === 'error')).toHaveLength(1)
    expect(result.errors[0]).toContain('"::error::owned <img src=x> [x](https://evil.example) **b** 发布群 🚀" (chat')
    expect(result.lines.some(line => line.startsWith('::error::owned'))).toBe(false)
    const html = md.render(result.summary)
    expect(html).not.toMatch(/<a |<img|<strong>/)
    expect(html).toContain('<code>::error::owned &lt;img src=x&gt; [x](https://evil.example) **b** 发布群 🚀</code>')
    // The output lists the entry as written, without its label.
    expect(result.outputs['missing-access']).toBe(JSON.stringify([ID.otherChat]))
  })

  it('a label with a character that hides is refused with the input, before any request; every other bad line too', async () => {
    const app = await serve()
    const result = await check(app, [`${ID.otherChat} # release\u202echat`, `docx:${ID.editableDocx}\u200b`, 'bogus line'])
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]!.split('\n')).toEqual([
      `Input 'required-access', line 1 ("${ID.otherChat} # release\\u202Echat") contains an invisible or control character (\\u202E), which text copied from a browser or a chat often carries: delete it, or type the line again.`,
      `Input 'required-access', line 2 ("docx:${ID.editableDocx}\\u200B") contains an invisible or control character (\\u200B), which text copied from a browser or a chat often carries: delete it, or type the line again.`,
      `Input 'required-access', line 3 ("bogus line"): one resource a line, and after it only the word 'edit' (and a label after '#').`,
      expect.stringMatching(/^Input 'required-access' takes one resource a line/)
    ])
    expect(sandbox.requests).toEqual([])
  })

  it('a # inside a link is part of the link; one after a space starts the label', async () => {
    const app = await serve()
    const result = await check(app, [`${LINK}/docx/${ID.editableDocx}#heading-1 #runbook`])
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('| `runbook` | document |')
  })
})

describe('on the network', () => {
  // TEST_APP's chat, Base and calendar, and three more of each kind: 10 resources it reaches, of the kinds whose
  // per-second limits let all 10 go at once.
  const { app: APP, chats, bases, calendars } = reachingMore(TEST_APP, 3, { access: 'read', role: 'reader' })
  // 10 lines of 'required-access', and the path of each one's request as the sandbox records it (decoded, no query).
  const TEN = [
    ...chats.map(id => [id, `/open-apis/im/v1/chats/${id}/members/is_in_chat`]),
    ...bases.slice(0, 3).map(id => [`base:${id}`, `/open-apis/bitable/v1/apps/${id}`]),
    ...calendars.slice(0, 3).map(id => [`calendar:${id}`, `/open-apis/calendar/v4/calendars/${id}`])
  ] as const
  const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'

  /** The ten resources checked in debug mode, with requests to `baseUrl` (the sandbox, or a link to it). */
  async function checkTen(baseUrl: string, inputs: Record<string, string> = {}): Promise<RunResult> {
    return runBundle({
      sandbox,
      app: APP,
      inputs: { 'base-url': baseUrl, 'required-access': TEN.map(([line]) => line).join('\n'), ...inputs },
      env: { RUNNER_DEBUG: '1' }
    })
  }

  const pathOf = (target: string) => decodeURIComponent(target.split('?')[0]!)
  /** How many times each path was asked, sorted by path. */
  const askedByPath = () => {
    const asked = new Map<string, number>()
    for (const { path } of sandbox.requests) asked.set(pathOf(path), (asked.get(pathOf(path)) ?? 0) + 1)
    return [...asked].sort()
  }

  it("10 checks go several at once on the run's one agent: more than one connection, never more than MAX_IN_FLIGHT", async () => {
    sandbox = await servers.sandbox({ apps: [APP] })
    // 20 ms each way: every check is still in flight when the last one is started.
    const link = await servers.linkTo(sandbox, { oneWayDelayMs: 20 })
    const result = await checkTen(link.url)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-access']).toBe('[]')
    expect(askedByPath()).toEqual([[TOKEN_PATH, 1], ...TEN.map(([, path]) => [path, 1])].sort())
    const connections = new Set(sandbox.requests.map(r => r.connection))
    expect(connections.size).toBeGreaterThan(1)
    expect(connections.size).toBeLessThanOrEqual(MAX_IN_FLIGHT)
    // The token's kept-alive connection carries checks too.
    expect(sandbox.requests.filter(r => r.connection === sandbox.requests[0]!.connection).length).toBeGreaterThan(1)
    expect(link.connections()).toBe(connections.size)
  })

  it('a stalled check is dropped after attempt-timeout-seconds and retried alone; every other resource is asked once', async () => {
    sandbox = await servers.sandbox({ apps: [APP] })
    const stalledPath = `/open-apis/bitable/v1/apps/${bases[0]}`
    let stalled = false
    const stallOnce: Fault = req => {
      if (stalled || pathOf(req.url ?? '') !== stalledPath) return 'pass'
      stalled = true
    }
    // One fault for each request the run makes (the token, 10 checks, the retry): the Base's first request gets no
    // answer, every other one the sandbox's own.
    sandbox.failNext(...Array<Fault>(12).fill(stallOnce))
    const result = await checkTen(sandbox.url, { 'attempt-timeout-seconds': '1' })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-access']).toBe('[]')
    expect(askedByPath()).toEqual([[TOKEN_PATH, 1], ...TEN.map(([, path]) => [path, path === stalledPath ? 2 : 1])].sort())
    expect(result.lines.filter(line => line.includes('Attempt '))).toEqual([
      expect.stringMatching(/^Base \w+: Attempt 1 of 4 failed: no answer in 1 s\./)
    ])
    // The stalled attempt's connection was dropped with it: the retry went on another one. Every other answer was 200.
    const [first, retry] = sandbox.requests.filter(r => pathOf(r.path) === stalledPath)
    expect(first!.status).toBeUndefined()
    expect(retry!.connection).not.toBe(first!.connection)
    expect(sandbox.requests.filter(r => r !== first).map(r => r.status)).toEqual(Array(11).fill(200))
  })
})
