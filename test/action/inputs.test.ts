// Bad inputs, as the runner sees them: the built bundle, run as the runner runs it, against the sandbox. An error that
// names the input and sends no request; an input that would write a workflow command, or hides a character, refused
// without printing it; Feishu's underscore spelling named; an empty input explained for where the run is; and the job
// summary of an input error shows what is known.
import MarkdownIt from 'markdown-it'
import { TEST_APP } from '../../harness/sandbox.js'
import { expectFailure, runBundle, servers } from '../support/action.js'

describe('bad input: an error that names the input, and no request', () => {
  it.each([
    [{ 'app-secret': '' }, /^Input 'app-secret' is empty.*forks or by Dependabot/],
    [{ 'app-id': '' }, /^Input 'app-id' is empty/],
    [{ region: 'china' }, /^Input 'region' is "china": use 'feishu'.*or 'lark'/],
    [{ 'base-url': 'http://open.feishu.cn' }, /^Input 'base-url' .*plain http:\/\//],
    [{ 'required-scopes': 'im:message;bitable:app' }, /^Input 'required-scopes'/],
    [{ 'timeout-seconds': 'ten' }, /^Input 'timeout-seconds'/]
  ])('%j', async (inputs, words) => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs })
    expectFailure(result, words)
    expect(sandbox.requests).toHaveLength(0)
  })

  it('warns about an odd App ID and still asks the server, which decides', async () => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { 'app-id': 'cli_short' } })
    expect(result.warnings).toEqual([expect.stringMatching(/Input 'app-id'/)])
    expectFailure(result, /App ID is missing, malformed or unknown.*code 10003/)
    expect(sandbox.requests).toHaveLength(1)
  })

  it("a bad region with base-url set names 'base-url' as where requests go, not 'or set base-url'", async () => {
    const result = await runBundle({ sandbox: await servers.sandbox(), inputs: { region: 'china' } })
    expect(result.errors).toEqual([
      "Input 'region' is \"china\": use 'feishu' (open.feishu.cn, China) or 'lark' (open.larksuite.com, international). 'base-url' is set and is where requests go, so 'region' may also be left out."
    ])
  })
})

describe('inputs cannot write workflow commands, nor hide a character', () => {
  it.each([
    ['app-id', `${TEST_APP.appId}\n::error::injected`],
    ['app-id', `${TEST_APP.appId}\u202e`],
    ['region', 'lark\r\n::warning::injected'],
    ['base-url', 'https://open.feishu.cn\u0001'],
    ['timeout-seconds', '10\n::error::injected'],
    ['app-secret', 'SECRET\n::error::injected0123456789']
  ])('%s with %j: an input error before any request, the value never printed', async (name, value) => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { [name]: value } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      expect.stringMatching(new RegExp(`^Input '${name}' contains a line break, control character or invisible formatting character`))
    ])
    // The mask command itself carries the value, escaped: the runner reads it as one command.
    expect(
      result.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain('injected')
    expect(result.summary).not.toContain('injected')
    expect(sandbox.requests).toHaveLength(0)
  })

  it.each([
    ['a soft hyphen', 'cli_a1b2c3d4\u00ade5f60718', '\\u00AD'],
    ['a tag character', 'cli_a1b2c3d4e5f60718\u{E0041}', '\\u{E0041}'],
    ['a variation selector', 'cli_a1b2c3d4e5f60718\ufe0f', '\\uFE0F']
  ])('an input with %s is refused before any request, naming the character', async (_what, appId, shown) => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { 'app-id': appId } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `Input 'app-id' contains a line break, control character or invisible formatting character (${shown}): give it on one line, as plain text.`
    ])
    expect(sandbox.requests).toEqual([])
  })
})

describe("Feishu's underscore spelling", () => {
  it.each([
    [
      'app_id',
      { INPUT_APP_ID: TEST_APP.appId },
      { 'app-id': '' },
      "You passed 'app_id'; this action's input is 'app-id', with a hyphen: rename it under the step's 'with:'."
    ],
    [
      'app_secret',
      { INPUT_APP_SECRET: TEST_APP.appSecret },
      { 'app-secret': '' },
      "You passed 'app_secret'; this action's input is 'app-secret'"
    ],
    [
      'required_scopes',
      { INPUT_REQUIRED_SCOPES: 'im:message' },
      {},
      "You passed 'required_scopes'; this action's input is 'required-scopes'"
    ],
    [
      'on_missing_scopes',
      { INPUT_ON_MISSING_SCOPES: 'warn' },
      {},
      "You passed 'on_missing_scopes'; this action's input is 'on-missing-scopes'"
    ]
  ])('%s is named, and the empty input is not blamed on forks', async (_name, env, inputs, words) => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs, env })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain(words)
    expect(result.errors[0]).not.toContain('Dependabot')
    expect(sandbox.requests).toEqual([])
    // A secret given as 'app_secret' is masked all the same, first.
    if ('INPUT_APP_SECRET' in env) expect(result.lines[0]).toBe(`::add-mask::${TEST_APP.appSecret}`)
  })
})

describe('an empty input, on a runner and off it', () => {
  it('on a runner, an empty app-id points at vars (as the README recommends) and names forks and Dependabot for secrets', async () => {
    const result = await runBundle({ inputs: { 'app-id': '' } })
    expect(result.errors[0]).toMatch(
      /^Input 'app-id' is empty: .*`app-id: \$\{\{ vars\.FEISHU_APP_ID \}\}`\. Check that the variable in `\$\{\{ vars\.NAME \}\}`/
    )
  })

  it('outside GitHub Actions, no word of forks or Dependabot: how to give the input locally', async () => {
    const result = await runBundle({ inputs: { 'app-secret': '' }, env: { GITHUB_ACTIONS: '' } })
    expect(result.errors[0]).toBe(
      "Input 'app-secret' is empty: pass the App Secret from a secret, e.g. `app-secret: ${{ secrets.FEISHU_APP_SECRET }}`. Outside GitHub Actions, inputs come from the environment: set it as INPUT_<NAME> (npm run local-action reads them from .env)."
    )
  })
})

describe("an input error's summary shows what is known", () => {
  it('the API and the App ID, beside the error', async () => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { 'max-attempts': 'many' } })
    expect(result.exitCode).toBe(1)
    expect(result.summary).toContain(`| API | \`${sandbox.url}\` |`)
    expect(result.summary).toContain(`| App ID | \`${TEST_APP.appId}\` |`)
    expect(result.summary).toContain('Input \'max-attempts\' is "many"')
    expect(new MarkdownIt({ html: true, linkify: true }).render(result.summary)).not.toMatch(/<a /)
  })
})

describe('a step asked to check nothing (on-nothing-to-check)', () => {
  it('fail: the step fails before any request, naming every input that could have named something', async () => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { 'on-nothing-to-check': 'fail', 'required-access': '\n  # base:bascnAbC\n' } })
    expectFailure(
      result,
      /^Input 'on-nothing-to-check' is 'fail': 'required-scopes', 'required-calls' and 'required-access' name nothing .*and 'check-bot' is not 'true', so nothing but the token is checked: give at least one/
    )
    expect(sandbox.requests).toEqual([])
  })

  it('warn: a warning, and the token; ignore (the default): the token alone, without a word', async () => {
    const sandbox = await servers.sandbox()
    const warned = await runBundle({ sandbox, inputs: { 'on-nothing-to-check': 'warn' } })
    expect(warned.exitCode).toBe(0)
    expect(warned.warnings).toEqual([
      expect.stringMatching(/^Input 'on-nothing-to-check' is 'warn': .*so nothing but the token is checked\.$/)
    ])
    const quiet = await runBundle({ sandbox, inputs: {} })
    expect([quiet.exitCode, quiet.warnings]).toEqual([0, []])
    expect(sandbox.requests.map(r => r.path)).toEqual([
      '/open-apis/auth/v3/tenant_access_token/internal',
      '/open-apis/auth/v3/tenant_access_token/internal'
    ])
  })

  it('a list of comment lines only warns that it names nothing, whatever on-nothing-to-check says', async () => {
    const result = await runBundle({ sandbox: await servers.sandbox(), inputs: { 'required-scopes': '# im:message\n# bitable:app' } })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([
      "Input 'required-scopes' has only comment lines (lines that start with '#'): it names nothing, so nothing of it is checked."
    ])
  })
})

describe('what an input error quotes stays short and hides what it must', () => {
  it('9,000 bad scope names: the first 100, then how many more, in one short error', async () => {
    const sandbox = await servers.sandbox()
    const names = Array.from({ length: 9000 }, (_, n) => `x;${n}`)
    const result = await runBundle({ sandbox, inputs: { 'required-scopes': names.join('\n') } })
    expectFailure(
      result,
      /^Input 'required-scopes' has entries that are not scope names: "x;0", "x;1", .*"x;99" and 8900 more\. Scope names are/
    )
    expect(result.errors[0]!.length).toBeLessThan(2000)
    expect(sandbox.requests).toEqual([])
  })

  it.each([
    [
      'required-access',
      'https://alice:s3cretPW@sandbox.feishu.cn/docx/Ab\u200bC # x',
      '"https://***@sandbox.feishu.cn/docx/Ab\\u200BC # x"'
    ],
    [
      'required-calls',
      'GET https://alice:s3cretPW@open.feishu.cn/open-apis/docx/v1/documents/x\u200b',
      '"GET https://***@open.feishu.cn/open-apis/docx/v1/documents/x\\u200B"'
    ]
  ])("%s: a link's user name and password never shown, even on a line refused for an invisible character", async (name, line, quoted) => {
    const sandbox = await servers.sandbox()
    const result = await runBundle({ sandbox, inputs: { [name]: line }, secrets: ['s3cretPW'] })
    expectFailure(
      result,
      new RegExp(
        `^Input '${name}', line 1 \\(${quoted.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}\\) contains an invisible or control character \\(\\\\u200B\\)`
      )
    )
    expect(result.stdout + result.summary).not.toContain('alice')
    expect(sandbox.requests).toEqual([])
  })
})
