// The documentation's own examples (the README and docs/recipes.md), run as written against the sandbox: the quick start's message step (bash), the curl, Node
// SDK and Python recipes. No example pastes an expression into a script. The hand-off to lark-cli (export-env):
// test/action/token.test.ts; npm run local-action and npm run sandbox: test/harness/local-runs.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/run-action.js'
import { NODE24 } from '../../harness/runtimes.js'
import { type Sandbox, TEST_APP, startSandbox } from '../../harness/sandbox.js'
import { runBundle } from '../support/action.js'
import { DOC_FILES, blockAfter, readDoc } from '../support/docs.js'
import { exec, spawn } from '../support/processes.js'

/** The English pages, whose examples are run: the Chinese README holds the same YAML (test/docs/chinese.test.ts). */
const pages = DOC_FILES.filter(path => !path.includes('zh-CN')).map(readDoc)
const recipes = readDoc('docs/recipes.md')
const block = (heading: string, language: string) => blockAfter(recipes, heading, language)

/** Every step of every YAML example of the English pages. */
function exampleSteps(): Array<Record<string, unknown>> {
  const steps: Array<Record<string, unknown>> = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (node && typeof node === 'object') {
      if ('run' in node || 'uses' in node) steps.push(node as Record<string, unknown>)
      Object.values(node).forEach(walk)
    }
  }
  for (const page of pages) for (const [, yaml] of page.matchAll(/```yaml\n([\s\S]*?)```/g)) walk(parse(yaml!))
  return steps
}

let sandbox: Sandbox
let token: string
beforeAll(async () => {
  sandbox = await startSandbox()
  const result = await runBundle({ sandbox })
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

const RUN = { GITHUB_RUN_ID: '16170314159', GITHUB_RUN_ATTEMPT: '1' }
/** The quick start's message step, run as the runner runs a `run:` script (bash -e, with pipefail). */
const sendMessage = (env: Record<string, string> = {}) => {
  const step = exampleSteps().find(s => s.name === 'Send a message')!
  return exec('bash', ['-eo', 'pipefail', '-c', step.run as string], { env: { ...stepEnv(), CHAT_ID: 'oc_test_chat', ...RUN, ...env } })
}

describe("the quick start's message step", () => {
  it('sends the message, with a uuid of this run and attempt', async () => {
    const { stdout } = await sendMessage()
    expect(JSON.parse(stdout)).toMatchObject({ code: 0, data: { message_id: expect.stringMatching(/^om_/) } })
    const sent = sandbox.requests.at(-1)!
    expect(sent.path).toBe('/open-apis/im/v1/messages?receive_id_type=chat_id')
    expect(sent.headers.authorization).toBe(`Bearer ${token}`)
    expect(JSON.parse(sent.body)).toEqual({
      receive_id: 'oc_test_chat',
      msg_type: 'text',
      content: JSON.stringify({ text: 'Hello from GitHub Actions' }),
      uuid: 'hello-16170314159-1'
    })
  })

  it('posts once when the connection is reset on the first try, after the message went out', async () => {
    const before = sandbox.requests.length
    let lost = ''
    sandbox.failNext((req, res) => {
      // The sandbox handles the request (the message is sent), and the answer is lost: a reset instead.
      res.end = ((answer: string) => {
        lost = answer
        req.socket.resetAndDestroy()
        return res
      }) as typeof res.end
      return 'pass'
    })
    const { stdout, stderr } = await sendMessage({ GITHUB_RUN_ID: '16170314160' })
    expect(stderr).toMatch(/Connection reset by peer/)
    const tries = sandbox.requests.slice(before)
    expect(tries.map(request => JSON.parse(request.body).uuid)).toEqual(['hello-16170314160-1', 'hello-16170314160-1'])
    // The retry is answered with the first message's id: one message, not two.
    const sent = JSON.parse(lost).data.message_id
    expect(sent).toMatch(/^om_/)
    expect(JSON.parse(stdout)).toMatchObject({ code: 0, data: { message_id: sent } })
    // A re-run (a new attempt) is a new message.
    const rerun = JSON.parse((await sendMessage({ GITHUB_RUN_ID: '16170314160', GITHUB_RUN_ATTEMPT: '2' })).stdout)
    expect(rerun.data.message_id).not.toBe(sent)
  })

  it("keeps the uuid within Feishu's 50 characters, whatever the run id (a 64-bit number) and attempt", async () => {
    const { stdout } = await sendMessage({ GITHUB_RUN_ID: '9223372036854775807', GITHUB_RUN_ATTEMPT: '9999' })
    expect(JSON.parse(stdout).code).toBe(0)
  })

  it('is the one the gate-then-notify example sends, word for word', () => {
    const steps = exampleSteps().filter(s => s.name === 'Send a message')
    expect(steps.length).toBe(2)
    expect(steps[1]).toEqual(steps[0])
  })
})

describe("the sandbox's messages endpoint de-duplicates by uuid, as Feishu does", () => {
  const post = (body: Record<string, unknown>) =>
    fetch(`${sandbox.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: 'oc_test_chat', msg_type: 'text', content: '{"text":"hi"}', ...body })
    }).then(r => r.json() as Promise<{ code: number; data?: { message_id: string } }>)

  it('the same uuid: the same message_id; another uuid, or none: a new message', async () => {
    const first = await post({ uuid: 'dedupe-a' })
    expect((await post({ uuid: 'dedupe-a' })).data!.message_id).toBe(first.data!.message_id)
    expect((await post({ uuid: 'dedupe-b' })).data!.message_id).not.toBe(first.data!.message_id)
    const [one, two] = [await post({}), await post({})]
    expect(one.data!.message_id).not.toBe(two.data!.message_id)
  })

  it('a uuid over 50 characters is refused', async () => {
    expect(await post({ uuid: 'x'.repeat(50) })).toMatchObject({ code: 0 })
    expect(await post({ uuid: 'x'.repeat(51) })).toEqual({ code: 99992402, msg: 'field validation failed' })
  })
})

it("the curl recipe: the scope names, or Feishu's code and message", async () => {
  const [step] = parse(block('## curl', 'yaml')) as Array<{ run: string }>
  const { stdout } = await exec('bash', ['-eo', 'pipefail', '-c', step!.run], { env: stepEnv() })
  expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['im:message', 'bitable:app']))
  const failed = await spawn('bash', ['-eo', 'pipefail', '-c', step!.run], { env: { ...stepEnv(), FEISHU_TOKEN: 't-expired' } })
  expect(failed.status).not.toBe(0)
  expect(failed.stderr).toMatch(/code 99991663: Invalid access token for authorization\./)
})

it("the Node SDK recipe, with the real @larksuiteoapi/node-sdk and the action's token (no App Secret)", async () => {
  // Inside the repository, so that the SDK resolves from node_modules.
  const dir = join(ROOT, 'test', '.recipes')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'list-scopes.mjs')
  writeFileSync(file, block('## The official Node SDK', 'js'))
  const before = sandbox.requests.length
  const { stdout } = await exec(NODE24, [file], { env: { ...stepEnv(), FEISHU_APP_ID: TEST_APP.appId } })
  expect(stdout.split('\n')).toEqual(expect.arrayContaining(['im:message', 'bitable:app']))
  // It used the token it was given: it never asked for one of its own.
  expect(sandbox.requests.slice(before).map(r => r.path)).toEqual(['/open-apis/application/v6/scopes'])
  expect(sandbox.requests.at(-1)!.headers.authorization).toBe(`Bearer ${token}`)
  // With a bad token Feishu answers HTTP 400 and the SDK throws: the recipe says code, msg and log id in one line.
  const failed = await spawn(NODE24, [file], { env: { ...stepEnv(), FEISHU_APP_ID: TEST_APP.appId, FEISHU_TOKEN: 't-expired' } })
  expect(failed.status).toBe(1)
  expect(failed.stdout).toBe('')
  expect(failed.stderr).toMatch(/^code 99991663: Invalid access token for authorization\..* \(log id \w+\)\n$/)
  rmSync(dir, { recursive: true, force: true })
})

it('the SDK recipe says how to install the SDK, and keeps its logger quiet', () => {
  const recipe = block('## The official Node SDK', 'js')
  expect(recipes.slice(recipes.indexOf('\n## The official Node SDK\n'))).toMatch(/npm install @larksuiteoapi\/node-sdk/)
  expect(recipe).toMatch(/logger: /)
})

it("every curl in an example step has a time limit, and fails on an HTTP error or on Feishu's code", () => {
  const curls = exampleSteps()
    .flatMap(step => (typeof step.run === 'string' ? step.run.split(/\n(?!\s)/) : []))
    .filter(command => /\bcurl\b/.test(command))
  expect(curls.length).toBeGreaterThanOrEqual(3)
  for (const command of curls) {
    expect(command).toMatch(/--max-time \d+/)
    expect(command).toMatch(/--fail(-with-body)?\b|\|\s*jq -e '[^']*error\("code/)
  }
})

it('the Python recipe', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recipe-'))
  writeFileSync(join(dir, 'list_scopes.py'), block('## Python', 'python'))
  const { stdout } = await exec('python3', [join(dir, 'list_scopes.py')], { env: stepEnv() })
  expect(stdout.split('\n')).toEqual(expect.arrayContaining(['im:message', 'bitable:app']))
  const failed = await spawn('python3', [join(dir, 'list_scopes.py')], { env: { ...stepEnv(), FEISHU_TOKEN: 't-expired' } })
  expect(failed.status).toBe(1)
  expect(failed.stderr).toMatch(/^code 99991663: .* \(log id \w+\)\n$/)
  rmSync(dir, { recursive: true, force: true })
})
