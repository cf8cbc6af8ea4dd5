// `npm run sandbox`: the fake Feishu/Lark Open Platform of the tests, kept running until Ctrl-C, so that
// `npm run local-action`, the README's curl, SDK and Python recipes and your own scripts can be tried with no Feishu
// account. It listens on loopback only (SANDBOX_PORT, 8910 by default; 0 for any free port), and its apps and
// secrets are fake. What it answers, and how: harness/sandbox.ts and docs/feishu.md.
import { FENCED_APP, type SandboxApp, TEST_APP, startSandbox } from '../harness/sandbox.js'

const port = Number(process.env.SANDBOX_PORT ?? 8910)
let sandbox: Awaited<ReturnType<typeof startSandbox>>
try {
  sandbox = await startSandbox({
    apps: [TEST_APP, FENCED_APP],
    port,
    onRequest: ({ method, path }) => console.log(`${new Date().toISOString().slice(11, 19)}  ${method} ${path}`)
  })
} catch (error) {
  const busy = (error as { code?: string }).code === 'EADDRINUSE'
  console.error(busy ? `Port ${port} is in use: set SANDBOX_PORT to another port (0 picks a free one).` : String(error))
  process.exit(1)
}

const scopes = (app: SandboxApp) =>
  app
    .scopes!.map(
      s => `${s.scope_name} (${s.grant_status === 1 ? 'granted' : 'awaiting approval'}${s.scope_type === 'user' ? ', for users only' : ''})`
    )
    .join(', ')
const appLines = (app: SandboxApp, note: string) =>
  [`  App ID      ${app.appId}`, `  App Secret  ${app.appSecret}`, `              ${note}`].join('\n')

console.log(`Sandbox Feishu/Lark Open Platform at ${sandbox.url}: loopback only, fake apps, fake secrets. Ctrl-C stops it.

${appLines(TEST_APP, `scopes: ${scopes(TEST_APP)}; an enabled bot`)}

${appLines(FENCED_APP, "the same, behind an IP allowlist that leaves this machine out: every call but the token's answers 99991401")}

Try it:
  curl -sS -X POST ${sandbox.url}/open-apis/auth/v3/tenant_access_token/internal \\
    -H 'Content-Type: application/json' -d '{"app_id":"${TEST_APP.appId}","app_secret":"${TEST_APP.appSecret}"}'
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
