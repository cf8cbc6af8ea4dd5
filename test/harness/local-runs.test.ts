// Running the action locally: npm run local-action (the action from this checkout, with the inputs of a .env file, as
// .env.example shows), and npm run sandbox (a fake Feishu kept up until Ctrl-C, with an app a recipe can use). Each
// run through npm and tsx, as a developer types it, against the sandbox.
import { spawn as nodeSpawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { BUNDLE, ROOT, readActionYml } from '../../harness/run-action.js'
import { type Sandbox, TEST_APP, TEST_RESOURCE_IDS, startSandbox } from '../../harness/sandbox.js'
import { blockAfter } from '../support/docs.js'
import { leaks } from '../support/leaks.js'
import { exec, spawn } from '../support/processes.js'

const recipes = readFileSync(join(ROOT, 'docs/recipes.md'), 'utf8')
const block = (heading: string, language: string) => blockAfter(recipes, heading, language)

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox.close()
})

describe('npm run local-action', () => {
  const envExample = readFileSync(join(ROOT, '.env.example'), 'utf8')

  it('.env.example names only inputs of action.yml, and the ones a first run needs', () => {
    const names = envExample.split('\n').flatMap(line => /^INPUT_([A-Z-]+)=/.exec(line)?.slice(1) ?? [])
    for (const name of names) expect(Object.keys(readActionYml().inputs)).toContain(name.toLowerCase())
    expect(names).toEqual(expect.arrayContaining(['APP-ID', 'APP-SECRET', 'BASE-URL']))
  })

  /** .env.example with the sandbox's app and base URL filled in, as docs/local.md says. */
  function envFile(values: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
    const file = join(dir, '.env')
    const filled = envExample.replace(/^INPUT_([A-Z-]+)=.*$/gm, (line, name: string) =>
      name in values ? `INPUT_${name}=${values[name]}` : line
    )
    writeFileSync(file, filled)
    return file
  }
  /**
   * npm run local-action with this .env file. Debug logging only when a test asks for it, whatever the shell running the
   * tests has. It builds the bundle from src/ when told to, as a developer's run does; otherwise it runs the build the
   * other tests run (ACTION_BUNDLE: dist/, which test/repo/dist.test.ts holds to src/), so that the tests build it once.
   */
  const localAction = (file: string, env: Record<string, string> = {}, build = false) =>
    spawn('npm', ['run', '-s', 'local-action', '--', file], {
      cwd: ROOT,
      env: { ...process.env, RUNNER_DEBUG: undefined, FORCE_COLOR: '0', ACTION_BUNDLE: build ? undefined : BUNDLE, ...env },
      timeout: 90_000
    })

  it('builds the action from this checkout and runs it against the sandbox: the log, the outputs (token masked) and the job summary', async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId, 'APP-SECRET': TEST_APP.appSecret, 'BASE-URL': sandbox.url, 'CHECK-BOT': 'true' })
    const result = await localAction(file, {}, true)
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(
      /^Inputs from .*\.env\.\nStep log \(exit code 0, \d+ ms\)\n {2}Got a tenant access token for cli_a1b2c3d4e5f60718/
    )
    expect(result.stdout).toContain('\nOutputs\n  token = *** (masked)\n')
    expect(result.stdout).toContain('  missing-scopes = []\n')
    expect(result.stdout).toContain('  app-name = Release Notifier\n')
    expect(result.stdout).toContain('\nJob summary\n  Feishu/Lark tenant token: ✅ Token issued\n')
    expect(result.stdout).toContain('  The required scope is granted.\n')
    // Debug lines and exported variables only when asked for.
    expect(result.stdout).not.toMatch(/##\[debug\]|Exported variables/)
    expect(leaks({ stdout: result.stdout, stderr: result.stderr }, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
    rmSync(file, { force: true })
  }, 120_000)

  it('with RUNNER_DEBUG=1 in .env (as .env.example offers) shows the request lines; with export-env, the exported variables, the token masked', async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId, 'APP-SECRET': TEST_APP.appSecret, 'BASE-URL': sandbox.url })
    writeFileSync(file, `${readFileSync(file, 'utf8').replace(/^# (RUNNER_DEBUG=1)$/m, '$1')}INPUT_EXPORT-ENV=true\n`)
    expect(readFileSync(file, 'utf8')).toMatch(/^RUNNER_DEBUG=1$/m)
    const result = await localAction(file)
    expect(result.status).toBe(0)
    const log = result.stdout.slice(0, result.stdout.indexOf('\nOutputs\n'))
    expect(log).toMatch(
      /\n {2}##\[debug\]POST http:\/\/127\.0\.0\.1:\d+\/open-apis\/auth\/v3\/tenant_access_token\/internal: HTTP 200, code 0, \d+ ms, log id \w+\n/
    )
    expect(log).toMatch(
      /\n {2}##\[debug\]GET http:\/\/127\.0\.0\.1:\d+\/open-apis\/application\/v6\/scopes: HTTP 200, code 0, \d+ ms, log id \w+\n/
    )
    expect(result.stdout).toContain(
      `\nExported variables\n  FEISHU_TENANT_ACCESS_TOKEN = *** (masked)\n  FEISHU_BASE_URL = ${sandbox.url}\n\nJob summary\n`
    )
    expect(leaks({ stdout: result.stdout, stderr: result.stderr }, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
    rmSync(file, { force: true })
  }, 120_000)

  it('RUNNER_DEBUG=1 in the shell works too', async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId, 'APP-SECRET': TEST_APP.appSecret, 'BASE-URL': sandbox.url })
    const result = await localAction(file, { RUNNER_DEBUG: '1' })
    expect(result.stdout).toMatch(/\n {2}##\[debug\]GET http:\/\/127\.0\.0\.1:\d+\/open-apis\/application\/v6\/scopes: HTTP 200/)
    rmSync(file, { force: true })
  }, 120_000)

  it('exits 1 when the action fails, with the error and no stack trace', async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId, 'APP-SECRET': 'Wrong0Wrong0Wrong0Wrong0Wrong0Wr', 'BASE-URL': sandbox.url })
    const result = await localAction(file)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('Error: Could not get a tenant access token: the App Secret is wrong for this App ID.')
    expect(result.stdout).toContain('Feishu/Lark tenant token: ❌ Failed')
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
    rmSync(file, { force: true })
  }, 120_000)

  it('names a line of the .env file that is not an input, and sends nothing', async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId })
    writeFileSync(file, `${readFileSync(file, 'utf8')}INPUT_REQUIRED-SCOPE=im:message\n`)
    const before = sandbox.requests.length
    const result = await localAction(file)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/INPUT_REQUIRED-SCOPE is not an input of action\.yml\. The inputs are: app-id, app-secret, /)
    expect(sandbox.requests.length).toBe(before)
  })

  it("takes the file's names as written, as a runner takes with: (INPUT_APP_SECRET is 'app_secret', refused), and the shell's in either spelling", async () => {
    const file = envFile({ 'APP-ID': TEST_APP.appId, 'BASE-URL': sandbox.url })
    writeFileSync(file, `${readFileSync(file, 'utf8')}INPUT_APP_SECRET=${TEST_APP.appSecret}\n`)
    const before = sandbox.requests.length
    const refused = await localAction(file)
    expect(refused.status).toBe(1)
    expect(refused.stdout).toContain("You passed 'app_secret'; this action's input is 'app-secret', with a hyphen")
    expect(refused.stdout).not.toContain(TEST_APP.appSecret)
    expect(sandbox.requests.length).toBe(before)
    const fromShell = await localAction(envFile({ 'APP-ID': TEST_APP.appId, 'BASE-URL': sandbox.url }), {
      INPUT_APP_SECRET: TEST_APP.appSecret
    })
    expect(fromShell.status).toBe(0)
    expect(fromShell.stdout).toMatch(/^Inputs from .*, and from this shell: INPUT_APP_SECRET\.\n/)
  }, 120_000)
})

describe('npm run sandbox', () => {
  it('keeps a sandbox up until Ctrl-C, printing its base URL and a test app a recipe can use', async () => {
    const child = nodeSpawn('npm', ['run', '-s', 'sandbox'], { cwd: ROOT, env: { ...process.env, SANDBOX_PORT: '0' }, detached: true })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    const closed = new Promise<number | null>(resolve => child.on('close', code => resolve(code)))
    try {
      for (let waited = 0; !out.includes('Requests:') && waited < 20_000; waited += 100) await new Promise(r => setTimeout(r, 100))
      const url = /at (http:\/\/127\.0\.0\.1:\d+):/.exec(out)![1]!
      expect(out).toContain(`App ID      ${TEST_APP.appId}\n  App Secret  ${TEST_APP.appSecret}`)
      expect(out).toMatch(/loopback only, fake apps, fake secrets/)
      // A chat id and a Base link to try in required-access: ones the sandbox answers for.
      expect(out).toContain(`chat      ${TEST_RESOURCE_IDS.releaseChat}  (its bot is in it;`)
      expect(out).toContain(`Base      https://sandbox.feishu.cn/base/${TEST_RESOURCE_IDS.sharedBase}  (shared for reading)`)
      // The curl recipe of docs/recipes.md, with a token from the printed app.
      const issued = await fetch(`${url}/open-apis/auth/v3/tenant_access_token/internal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app_id: TEST_APP.appId, app_secret: TEST_APP.appSecret })
      }).then(r => r.json() as Promise<{ tenant_access_token: string }>)
      const [step] = parse(block('## curl', 'yaml')) as Array<{ run: string }>
      const { stdout } = await exec('bash', ['-eo', 'pipefail', '-c', step!.run], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FEISHU_TOKEN: issued.tenant_access_token, FEISHU_BASE_URL: url }
      })
      expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['im:message', 'bitable:app:readonly']))
      await new Promise(r => setTimeout(r, 200))
      // Each request on a line, with the answer's HTTP status and Feishu code.
      expect(out).toMatch(/ GET \/open-apis\/application\/v6\/scopes {2}HTTP 200 {2}code 0\n/)
    } finally {
      process.kill(-child.pid!, 'SIGINT')
    }
    await closed
    expect(out).toMatch(/Stopped\.\n$/)
  }, 60_000)
})
