// `npm start`: the built dist/index.cjs, run the way the runner runs it, against the sandbox on a free port.
// Shows what a workflow run would: the step's log (masked), its outputs and its job summary, rendered for a
// terminal. No Feishu account needed.
import { runAction } from '../harness/run-action.js'
import { renderRun } from '../harness/terminal.js'
import { FENCED_APP, SANDBOX_TENANT_URL, type SandboxApp, TEST_APP, TEST_RESOURCE_IDS, startSandbox } from '../harness/sandbox.js'

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

async function demo(title: string, inputs: Record<string, string>, sandboxUrl: string, app: SandboxApp = TEST_APP): Promise<void> {
  const shown = { 'app-id': app.appId, 'base-url': sandboxUrl, ...inputs, 'app-secret': '${{ secrets.FEISHU_APP_SECRET }}' }
  console.log(`\n${bold(`=== ${title}`)}`)
  console.log(
    `  with:\n${Object.entries(shown)
      .map(([k, v]) => `    ${k}: ${v.includes('\n') ? `|\n      ${v.trim().split('\n').join('\n      ')}` : v}`)
      .join('\n')}`
  )
  const result = await runAction({
    inputs: { 'app-id': app.appId, 'app-secret': app.appSecret, 'base-url': sandboxUrl, ...inputs }
  })
  console.log(renderRun(result, process.stdout.isTTY).join('\n'))
}

const sandbox = await startSandbox({ apps: [TEST_APP, FENCED_APP] })
const scopeWords = (app: SandboxApp) =>
  app
    .scopes!.map(
      s => `${s.scope_name} (${s.grant_status === 1 ? 'granted' : 'awaiting approval'}${s.scope_type === 'user' ? ', for users only' : ''})`
    )
    .join(', ')
console.log(
  `Sandbox Feishu at ${sandbox.url}: app ${TEST_APP.appId} with scopes ${scopeWords(TEST_APP)}; ` +
    `app ${FENCED_APP.appId}, the same but with an IP allowlist that leaves this machine out.`
)
try {
  await demo(
    'A token, a scope gate that passes, and an app that is usable here (check-bot)',
    { 'required-scopes': 'im:message\nim:message:send_as_bot\n', 'check-bot': 'true' },
    sandbox.url
  )
  await demo(
    'A scope gate that fails (on-missing-scopes: fail, the default), asking the admin for approval',
    { 'required-scopes': 'im:message, bitable:app, docx:document', 'request-approval': 'true' },
    sandbox.url
  )
  await demo(
    'Missing and unexpected scopes, as warnings',
    { 'required-scopes': 'im:message, docx:document', 'on-missing-scopes': 'warn', 'on-unexpected-scopes': 'warn' },
    sandbox.url
  )
  await demo(
    'The calls a release script makes: it also uploads a chart image, which no scope of the app allows, so the gate names im:resource with its grant link',
    {
      'required-calls': [
        'POST /open-apis/im/v1/messages?receive_id_type=chat_id   # notify the release chat',
        'POST /open-apis/im/v1/images   # upload the chart',
        ''
      ].join('\n')
    },
    sandbox.url
  )
  await demo(
    'The app holds its scopes, but its bot is not in the release chat: the resource check stops with the fix',
    {
      'required-access': [
        `${TEST_RESOURCE_IDS.otherChat}   # release chat`,
        `${SANDBOX_TENANT_URL}/base/${TEST_RESOURCE_IDS.sharedBase}?table=tblRelease   # release tracker`,
        ''
      ].join('\n')
    },
    sandbox.url
  )
  await demo(
    "The token is issued, but the app's IP allowlist leaves this runner out: the gate stops with the reason",
    { 'required-scopes': 'im:message' },
    sandbox.url,
    FENCED_APP
  )
  await demo('A wrong App Secret', { 'app-secret': 'not-the-secret-not-the-secret-000' }, sandbox.url)
} finally {
  await sandbox.close()
}
