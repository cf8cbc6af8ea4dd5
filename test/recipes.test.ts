// The README's own examples, run as written against the sandbox: the quick start's message step, the curl, Node
// SDK and Python recipes, the hand-off to lark-cli, and @github/local-action. No example pastes an expression
// into a script.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { ROOT, readActionYml, runAction } from '../harness/run-action.js'
import { findLeaks } from './support/leaks.js'
import { NODE24 } from '../harness/runtimes.js'
import { type Sandbox, TEST_APP, TEST_CA_FILE, startSandbox } from '../harness/sandbox.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
// Asynchronous: the sandbox answers from this process, so a synchronous child would wait for it forever.
const exec = promisify(execFile)
/** Runs a command to its end, failing or not. */
async function spawn(
  file: string,
  args: string[],
  options: Parameters<typeof execFile>[2]
): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { ...options, encoding: 'utf8' })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { status: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

/** The first fenced block of `language` after `heading` in the README. */
function block(heading: string, language: string): string {
  const at = readme.indexOf(`\n${heading}\n`)
  expect(at).toBeGreaterThan(-1)
  const fence = '```'
  const match = new RegExp(`${fence}${language}\\n([\\s\\S]*?)${fence}`).exec(readme.slice(at))
  return match![1]!
}

/** Every step of every YAML example in the README. */
function exampleSteps(): Array<Record<string, unknown>> {
  const steps: Array<Record<string, unknown>> = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (node && typeof node === 'object') {
      if ('run' in node || 'uses' in node) steps.push(node as Record<string, unknown>)
      Object.values(node).forEach(walk)
    }
  }
  for (const [, yaml] of readme.matchAll(/```yaml\n([\s\S]*?)```/g)) walk(parse(yaml!))
  return steps
}

let sandbox: Sandbox
let token: string
beforeAll(async () => {
  sandbox = await startSandbox()
  const result = await runAction({ inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url } })
  token = result.outputs.token!
})
afterAll(async () => {
  await sandbox.close()
})

it('no example pastes an expression into a run: script: tokens reach scripts through env:', () => {
  const runs = exampleSteps().filter(step => typeof step.run === 'string')
  expect(runs.length).toBeGreaterThanOrEqual(5)
  for (const step of runs) expect(step.run).not.toContain('${{')
  const withToken = exampleSteps().filter(step => JSON.stringify(step.env ?? {}).includes('outputs.token'))
  expect(withToken.length).toBeGreaterThanOrEqual(3)
})

const stepEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FEISHU_TOKEN: token, FEISHU_BASE_URL: sandbox.url })

it("the quick start's message step sends the message", async () => {
  const step = exampleSteps().find(s => s.name === 'Send a message')!
  const { stdout } = await exec('bash', ['-eo', 'pipefail', '-c', step.run as string], { env: { ...stepEnv(), CHAT_ID: 'oc_test_chat' } })
  expect(JSON.parse(stdout)).toMatchObject({ code: 0, data: { message_id: expect.stringMatching(/^om_/) } })
  const sent = sandbox.requests.at(-1)!
  expect(sent.path).toBe('/open-apis/im/v1/messages?receive_id_type=chat_id')
  expect(sent.headers.authorization).toBe(`Bearer ${token}`)
  expect(JSON.parse(sent.body)).toEqual({ receive_id: 'oc_test_chat', msg_type: 'text', content: JSON.stringify({ text: 'Deployed' }) })
})

it('the curl recipe', async () => {
  const [step] = parse(block('#### curl', 'yaml')) as Array<{ run: string }>
  const { stdout } = await exec('bash', ['-eo', 'pipefail', '-c', step!.run], { env: stepEnv() })
  expect(stdout.trim()).toBe('true')
})

it("the Node SDK recipe, with the real @larksuiteoapi/node-sdk and the action's token (no App Secret)", async () => {
  // Inside the repository, so that the SDK resolves from node_modules.
  const dir = join(ROOT, 'test', '.recipes')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'list-scopes.mjs')
  writeFileSync(file, block('#### The official Node SDK', 'js'))
  const before = sandbox.requests.length
  const { stdout } = await exec(NODE24, [file], { env: { ...stepEnv(), FEISHU_APP_ID: TEST_APP.appId } })
  expect(stdout.split('\n')).toEqual(expect.arrayContaining(['im:message', 'bitable:app']))
  // It used the token it was given: it never asked for one of its own.
  expect(sandbox.requests.slice(before).map(r => r.path)).toEqual(['/open-apis/application/v6/scopes'])
  expect(sandbox.requests.at(-1)!.headers.authorization).toBe(`Bearer ${token}`)
  rmSync(dir, { recursive: true, force: true })
})

it('the Python recipe', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-'))
  writeFileSync(join(dir, 'list_scopes.py'), block('#### Python', 'python'))
  const { stdout } = await exec('python3', [join(dir, 'list_scopes.py')], { env: stepEnv() })
  expect(stdout.split('\n')).toEqual(expect.arrayContaining(['im:message', 'bitable:app']))
  const failed = await spawn('python3', [join(dir, 'list_scopes.py')], { env: { ...stepEnv(), FEISHU_TOKEN: 't-expired' } })
  expect(failed.status).toBe(1)
  expect(failed.stderr).toMatch(/^code 99991663: /)
  rmSync(dir, { recursive: true, force: true })
})

describe('the hand-off to lark-cli (export-env)', () => {
  it.each([
    ['feishu', 'open.feishu.cn'],
    ['lark', 'open.larksuite.com']
  ])("region %s: exports the variables lark-cli reads, as the app's bot", async (region, host) => {
    const tls = await startSandbox({ tls: true })
    const proxy = await startConnectProxy({ host: '127.0.0.1', port: tls.port })
    const result = await runAction({
      inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, region, 'export-env': 'true' },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE }
    })
    const issued = tls.issuedTokens()[0]
    expect(result.exitCode).toBe(0)
    expect(result.env).toEqual({
      FEISHU_TENANT_ACCESS_TOKEN: issued,
      FEISHU_BASE_URL: `https://${host}`,
      LARKSUITE_CLI_APP_ID: TEST_APP.appId,
      LARKSUITE_CLI_TENANT_ACCESS_TOKEN: issued,
      LARKSUITE_CLI_BRAND: region
    })
    expect(findLeaks(result, [TEST_APP.appSecret, issued!])).toEqual([])
    await proxy.close()
    await tls.close()
  })

  it('a custom base-url: only FEISHU_*, and the log says why', async () => {
    const result = await runAction({
      inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'base-url': sandbox.url, 'export-env': 'true' }
    })
    expect(Object.keys(result.env).sort()).toEqual(['FEISHU_BASE_URL', 'FEISHU_TENANT_ACCESS_TOKEN'])
    expect(result.stdout).toContain("not the LARKSUITE_CLI_* variables: lark-cli cannot follow a custom 'base-url'")
  })
})

describe('npm run local-action', () => {
  it('.env.example lists every input of action.yml', () => {
    const names = readFileSync(join(ROOT, '.env.example'), 'utf8')
      .split('\n')
      .flatMap(line => /^INPUT_([A-Z-]+)=/.exec(line)?.slice(1) ?? [])
    expect(names.map(name => name.toLowerCase())).toEqual(Object.keys(readActionYml().inputs))
  })

  it('runs the action from source under @github/local-action with a .env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-action-'))
    const env = join(dir, '.env')
    writeFileSync(
      env,
      `INPUT_APP-ID=${TEST_APP.appId}\nINPUT_APP-SECRET=${TEST_APP.appSecret}\nINPUT_BASE-URL=${sandbox.url}\nINPUT_REQUIRED-SCOPES=im:message\n`
    )
    const script = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['local-action'] as string
    expect(script).toBe('local-action . src/local-action.ts .env')
    const result = await spawn(join(ROOT, 'node_modules', '.bin', 'local-action'), ['.', 'src/local-action.ts', env], {
      cwd: ROOT,
      env: { PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, HOME: process.env.HOME ?? '' },
      timeout: 90_000
    })
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('::set-output name=missing-scopes::[]')
    expect(result.stdout).toContain('All 1 required scopes are granted.')
    expect(result.stdout).not.toContain(TEST_APP.appSecret)
    rmSync(dir, { recursive: true, force: true })
  }, 120_000)
})
