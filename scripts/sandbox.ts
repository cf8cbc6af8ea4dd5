// `npm run sandbox`: the fake Feishu/Lark Open Platform of the tests, kept running until Ctrl-C, so that
// `npm run local-action`, the README's curl, SDK and Python recipes and your own scripts can be tried with no Feishu
// account. It listens on loopback only (SANDBOX_PORT, 8910 by default; 0 for any free port), and its apps and
// secrets are fake. It prints the test app, the resources it can reach, and one line per request with the answer's
// HTTP status and Feishu code. What it answers, and how: harness/sandbox.ts, harness/sandbox/resources/ and
// docs/feishu.md.
import {
  FENCED_APP,
  type RecordedRequest,
  SANDBOX_TENANT_URL,
  type SandboxApp,
  TEST_APP,
  TEST_RESOURCE_IDS as IDS,
  startSandbox
} from '../harness/sandbox.js'

// A request's path is the caller's text: anything but printable ASCII (a control or bidi character) is shown as an
// escape, never sent to the terminal.
const printable = (text: string): string => text.replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** One line a request: time, method, path, the answer's HTTP status and Feishu code. */
const requestLine = ({ method, path, status, code }: RecordedRequest): string =>
  [
    new Date().toISOString().slice(11, 19),
    `${printable(method)} ${printable(path)}`,
    status === undefined ? 'no answer' : `HTTP ${status}`,
    ...(code === undefined ? [] : [`code ${code}`])
  ].join('  ')

const port = Number(process.env.SANDBOX_PORT ?? 8910)
let sandbox: Awaited<ReturnType<typeof startSandbox>>
try {
  sandbox = await startSandbox({ apps: [TEST_APP, FENCED_APP], port, onRequest: request => console.log(requestLine(request)) })
} catch (error) {
  const busy = (error as { code?: string }).code === 'EADDRINUSE'
  console.error(busy ? `Port ${port} is in use: set SANDBOX_PORT to another port (0 picks a free one).` : String(error))
  process.exit(1)
}

const scopes = (app: SandboxApp, which: (scope: NonNullable<SandboxApp['scopes']>[number]) => boolean) =>
  app
    .scopes!.filter(which)
    .map(s => s.scope_name)
    .join(', ')
const appLines = (app: SandboxApp, notes: string[]) =>
  [`  App ID      ${app.appId}`, `  App Secret  ${app.appSecret}`, ...notes.map(note => `              ${note}`)].join('\n')

console.log(`Sandbox Feishu/Lark Open Platform at ${sandbox.url}: loopback only, fake apps, fake secrets. Ctrl-C stops it.

${appLines(TEST_APP, [
  `granted: ${scopes(TEST_APP, s => s.grant_status === 1 && s.scope_type !== 'user')}`,
  `awaiting approval: ${scopes(TEST_APP, s => s.grant_status !== 1)}; for users only: ${scopes(TEST_APP, s => s.scope_type === 'user')}`,
  'an enabled bot'
])}

${appLines(FENCED_APP, ["the same, behind an IP allowlist that leaves this machine out: every call but the token's answers 99991401"])}

What the test app can reach, to try in the action's required-access input:
  chat      ${IDS.releaseChat}  (its bot is in it; not in ${IDS.otherChat})
  Base      ${SANDBOX_TENANT_URL}/base/${IDS.sharedBase}  (shared for reading)
            ${SANDBOX_TENANT_URL}/base/${IDS.advancedBase}  (advanced permissions, the app in no role)
  docx      ${SANDBOX_TENANT_URL}/docx/${IDS.editableDocx}  (shared for editing)
  sheet     ${SANDBOX_TENANT_URL}/sheets/${IDS.sheet}  (shared for reading)
  wiki      ${SANDBOX_TENANT_URL}/wiki/${IDS.wikiNode}  (a page shared for reading, in space ${IDS.wikiSpace}, which the app is a member of)
            ${SANDBOX_TENANT_URL}/wiki/${IDS.baseInWiki}  (a page that holds a Base, shared for reading: the Base is checked)
            ${SANDBOX_TENANT_URL}/wiki/${IDS.advancedBaseInWiki}  (a page that holds a Base with advanced permissions, the app in no role)
  folder    ${SANDBOX_TENANT_URL}/drive/folder/${IDS.folder}
  calendar  calendar:${IDS.calendar}  (the app is a reader; a calendar has no link: write it as calendar:ID)
  others    ${SANDBOX_TENANT_URL}/docs/${IDS.legacyDoc}, /file/${IDS.file}, /mindnotes/${IDS.mindnote},
            /slides/${IDS.slides}, /minutes/${IDS.minutes}  (shared for reading)
What it was never given, to see each failure:
  ${SANDBOX_TENANT_URL}/docx/${IDS.unsharedDocx}
  ${SANDBOX_TENANT_URL}/sheets/${IDS.unsharedSheet}
  ${SANDBOX_TENANT_URL}/wiki/${IDS.unsharedWikiNode}  (in space ${IDS.otherWikiSpace}, which the app is not a member of)
  ${SANDBOX_TENANT_URL}/drive/folder/${IDS.unsharedFolder}
  calendar:${IDS.unsharedCalendar}
  Any other id is not found, as on Feishu.

Calls to try in the action's required-calls input (the test app can make the first two, not the image upload):
  POST /open-apis/im/v1/messages # notify the release chat
  GET /open-apis/im/v1/chats/${IDS.releaseChat}/members/is_in_chat
  im.v1.image.create # upload the chart

Try it:
  curl -sS -X POST ${sandbox.url}/open-apis/auth/v3/tenant_access_token/internal \\
    -H 'Content-Type: application/json' -d '{"app_id":"${TEST_APP.appId}","app_secret":"${TEST_APP.appSecret}"}'
  curl -sS ${sandbox.url}/open-apis/im/v1/chats/${IDS.releaseChat}/members/is_in_chat -H 'Authorization: Bearer <tenant_access_token>'
  or, in .env: INPUT_BASE-URL=${sandbox.url} with the App ID and App Secret above, then: npm run local-action

Requests:`)

// Ctrl-C reaches npm, tsx and this process alike, maybe more than once: stop once, then exit.
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await sandbox.close()
  console.log('Stopped.')
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
