// Words for the people who read them, as the runner shows them: Feishu's Chinese as itself, only what hides escaped;
// the developer console's pages named in the user's language (Chinese beside English for Feishu, English for Lark).
// The built bundle, run as the runner runs it, against the sandbox.
import { faults } from '../../harness/sandbox.js'
import { runBundle, servers } from '../support/action.js'

describe('every script as itself', () => {
  it("Feishu's Chinese msg reaches the error annotation and the summary readable; only what hides is escaped", async () => {
    const sandbox = await servers.sandbox()
    sandbox.failNext(faults.json(400, { code: 99999, msg: '应用不存在\u202e，请检查 app_id 🚫' }))
    const result = await runBundle({ sandbox })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('msg "应用不存在\\u202E，请检查 app_id 🚫"')
    expect(result.summary).toContain('msg "应用不存在\\u202E，请检查 app_id 🚫"')
    expect(result.stdout + result.summary).not.toMatch(/\\u5e94|\\u\{?5E94/i)
  })
})

describe("the console in the user's language", () => {
  it.each([
    ['feishu', /Permissions & Scopes \(权限管理\) page.*Version Management & Release \(版本管理与发布\) page/],
    [
      'lark',
      /Permissions & Scopes page \(https:\/\/open\.larksuite\.com\/app\/cli_\w+\/auth\), then publish a version on the app's Version Management & Release page/
    ]
  ])('region %s', async (region, words) => {
    // The public hosts, reached through a proxy that tunnels every host to the sandbox.
    const result = await runBundle({ publicHosts: await servers.publicHosts(), inputs: { region, 'required-scopes': 'docx:document' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(words)
    if (region === 'lark') expect(result.errors[0]).not.toMatch(/[\u4e00-\u9fff]/)
  })
})
