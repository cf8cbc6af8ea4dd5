// 'required-calls', as the runner sees it: each call the automation makes, checked against the scopes the tenant
// token carries through Feishu's API catalogue; the narrowest scope to grant for a call it cannot make, one grant
// link for all, the 'missing-calls' output and the summary's table; bad lines refused before any request. The built
// bundle, run as the runner runs it, against the sandbox; test/checks/calls.test.ts holds each case in process.
import { type Sandbox, type SandboxScope, TEST_APP } from '../../harness/sandbox.js'
import { expectFailure, runBundle, servers } from '../support/action.js'

let sandbox: Sandbox
const paths = () => sandbox.requests.map(r => r.path)
const scope = (scope_name: string, grant_status: number, scope_type = 'tenant'): SandboxScope =>
  ({ scope_name, grant_status, scope_type }) as SandboxScope

/** A run against a sandbox serving TEST_APP, with these scopes when given. */
async function runCalls(inputs: Record<string, string>, scopes?: SandboxScope[]) {
  const app = scopes ? { ...TEST_APP, scopes } : TEST_APP
  sandbox = await servers.sandbox({ apps: [app] })
  return runBundle({ sandbox, app, inputs })
}

const TOKEN_AND_SCOPES = ['/open-apis/auth/v3/tenant_access_token/internal', '/open-apis/application/v6/scopes']

describe('calls the app can make', () => {
  it('each with the scope that allows it, whatever form it is written in; the step passes with two requests', async () => {
    const result = await runCalls({
      'required-calls': [
        'POST /open-apis/im/v1/messages   # notify the release chat',
        'GET /open-apis/im/v1/chats/oc_96ce72da5955ef8c921b2e15f9ab6b8f/members/is_in_chat',
        'docx.v1.documentBlock.list',
        'bitable_app_get'
      ].join('\n')
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['missing-calls']).toBe('[]')
    expect(result.stdout).toContain(
      'The app can make all 4 required calls: "notify the release chat" (POST /open-apis/im/v1/messages) with im:message:send_as_bot; '
    )
    expect(result.stdout).toContain(
      'docx.v1.documentBlock.list, that is GET /open-apis/docx/v1/documents/{document_id}/blocks with docx:document:readonly'
    )
    expect(paths()).toEqual(TOKEN_AND_SCOPES)
    expect(result.summary).toContain('## Feishu/Lark tenant token: ✅ Token issued')
    expect(result.summary).toContain('### Required calls')
    expect(result.summary).toContain(
      '| `notify the release chat` | `POST /open-apis/im/v1/messages` | `im:message:send_as_bot` | ✅ allowed |'
    )
    expect(result.summary).toContain("The scopes that allow each call are those of Feishu's API catalogue of 2026-08-22.")
  })

  it('a broader scope the app holds allows the call: docx:document for creating a document', async () => {
    const result = await runCalls({ 'required-calls': 'POST /open-apis/docx/v1/documents' }, [scope('docx:document', 1)])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('The app can make the required call: POST /open-apis/docx/v1/documents with docx:document.')
  })

  it('scopes the required calls use are not unexpected; a broader one held besides a narrower one that allows the same calls is', async () => {
    const result = await runCalls({ 'required-calls': 'POST /open-apis/im/v1/messages', 'on-unexpected-scopes': 'warn' }, [
      scope('im:message', 1),
      scope('im:message:send_as_bot', 1)
    ])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['unexpected-scopes']).toBe('["im:message"]')
    expect(result.warnings).toEqual([
      expect.stringContaining('- im:message: granted; the required calls it allows are allowed by the narrower im:message:send_as_bot')
    ])
  })
})

describe('calls the app cannot make', () => {
  it('each with the narrowest scope to grant, one grant link for all, the output sorted as written; the step fails', async () => {
    const result = await runCalls({
      'required-calls': ['POST /open-apis/im/v1/messages', 'POST /open-apis/docx/v1/documents', 'im.v1.chat.create'].join('\n')
    })
    expectFailure(result, /^2 of 3 required calls cannot be made by app cli_a1b2c3d4e5f60718:\n/)
    const lines = result.errors[0]!.split('\n')
    expect(lines[1]).toBe(
      `- POST /open-apis/docx/v1/documents: the app holds none of the scopes that allow it (docx:document, docx:document:create): grant docx:document:create, the narrowest: add it on the app's Permissions & Scopes (权限管理) page (${sandbox.url}/app/${TEST_APP.appId}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page.`
    )
    expect(lines[2]).toMatch(/^- im\.v1\.chat\.create, that is POST \/open-apis\/im\/v1\/chats: .*grant im:chat:create, the narrowest/)
    expect(lines.at(-1)).toBe(
      `Grant them in one click: ${sandbox.url}/app/${TEST_APP.appId}/auth?q=docx:document:create,im:chat:create&op_from=openapi&token_type=tenant`
    )
    expect(result.outputs['missing-calls']).toBe('["POST /open-apis/docx/v1/documents","im.v1.chat.create"]')
    expect(result.summary).toContain('## Feishu/Lark tenant token: ❌ Required calls not allowed')
    expect(result.summary).toContain(
      '| `POST /open-apis/docx/v1/documents` | `POST /open-apis/docx/v1/documents` | `docx:document`, `docx:document:create`; grant `docx:document:create` | ❌ the app holds none'
    )
    expect(paths()).toEqual(TOKEN_AND_SCOPES)
  })

  it("a scope awaiting the admin's approval is said to be, and is the one to grant", async () => {
    const result = await runCalls({ 'required-calls': 'POST /open-apis/bitable/v1/apps/{app_token}/tables/{table_id}/records' })
    expectFailure(
      result,
      /its scope bitable:app awaits the tenant admin's approval: ask the tenant admin to approve it, or set 'request-approval: true'/
    )
    expect(result.errors[0]).toContain('?q=bitable:app&')
  })

  it('a scope granted for users only does not count: the tenant token does not carry it', async () => {
    const result = await runCalls({ 'required-calls': 'POST /open-apis/docx/v1/documents' }, [
      scope('docx:document:create', 1, 'user'),
      scope('im:message', 1)
    ])
    expectFailure(result, /^The required call cannot be made/)
    expect(result.errors[0]).toMatch(/docx:document:create/)
    expect(result.outputs['missing-calls']).toBe('["POST /open-apis/docx/v1/documents"]')
  })

  it('on-missing-scopes: warn lets the step pass, warning with the same words', async () => {
    const result = await runCalls({ 'required-calls': 'POST /open-apis/docx/v1/documents', 'on-missing-scopes': 'warn' })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([expect.stringMatching(/^The required call cannot be made by app .*grant docx:document:create/s)])
    expect(result.summary).toContain('## Feishu/Lark tenant token: ⚠️ Token issued, calls not allowed')
  })
})

describe('bad lines are refused before any request', () => {
  it('a typo with the nearest calls, a user-token call, a name no call has: every line at once, quoted', async () => {
    const result = await runCalls({
      'required-calls': ['POST /open-apis/im/v1/mesages', 'GET /open-apis/authen/v1/user_info', 'foo.bar.baz'].join('\n')
    })
    expect(result.exitCode).toBe(1)
    expect(sandbox.requests).toEqual([])
    expect(result.errors[0]!.split('\n')).toEqual([
      expect.stringMatching(
        /^Input 'required-calls', line 1 \("POST \/open-apis\/im\/v1\/mesages"\): Feishu's API catalogue \(of 2026-08-22\) has no such call; the nearest: POST \/open-apis\/im\/v1\/messages \(im_message_create\)/
      ),
      expect.stringMatching(
        /^Input 'required-calls', line 2 \("GET \/open-apis\/authen\/v1\/user_info"\): .* does not accept a tenant token: .*Take it out of 'required-calls'\.$/
      ),
      expect.stringMatching(
        /^Input 'required-calls', line 3 \("foo\.bar\.baz"\): Feishu's API catalogue \(of 2026-08-22\) has no such call\./
      )
    ])
  })

  it("a URL on another host than the run's API names both", async () => {
    const result = await runCalls({ 'required-calls': 'GET https://open.larksuite.com/open-apis/docx/v1/documents/doxcn1/blocks' })
    expect(sandbox.requests).toEqual([])
    expectFailure(result, /line 1 \(.*\): its host open\.larksuite\.com is not the API this run calls .*write the path alone/)
  })

  it('a label is data: shown quoted in the log and as code in the summary, never a command or live Markdown', async () => {
    const label = '::error::pwned **bold** [x](https://evil.example) <b>'
    const result = await runCalls({ 'required-calls': `POST /open-apis/im/v1/messages # ${label}` })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).not.toMatch(/^::error::pwned/m)
    expect(result.stdout).toContain(JSON.stringify(label))
    expect(result.summary).toContain('| `::error::pwned **bold** [x](https://evil.example) <b>` |')
  })
})
