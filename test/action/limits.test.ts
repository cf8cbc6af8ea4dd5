// GitHub's limits, whatever Feishu answers: a huge scopes answer leaves the job summary, the annotations and the
// outputs within them (the outputs counted as UTF-8 or UTF-16, whichever is more), and says what it cut. The built
// bundle, run as the runner runs it, against the sandbox.
import { type SandboxScope, TEST_APP } from '../../harness/sandbox.js'
import { runBundle, servers } from '../support/action.js'
import { grantableScopes } from '../support/catalogue.js'

/** A run against a sandbox serving TEST_APP with these scopes. */
async function runWithScopes(scopes: SandboxScope[], inputs: Record<string, string>, env: Record<string, string> = {}) {
  const app = { ...TEST_APP, scopes }
  return runBundle({ sandbox: await servers.sandbox({ apps: [app] }), app, inputs, env })
}

describe('a huge scopes answer: the summary, the annotations and the outputs stay within GitHub limits', () => {
  // About 950 KB of scopes, under the 1 MiB body limit: every one granted for the app, none required.
  const many: SandboxScope[] = Array.from({ length: 9500 }, (_, n) => ({
    scope_name: `drive:a_scope_name_that_is_long_enough_${String(n).padStart(6, '0')}`,
    grant_status: 1,
    scope_type: 'tenant'
  }))

  it('cuts every list it shows to its first rows, keeps the outputs within 512 KiB, and says what it cut', async () => {
    const result = await runWithScopes([...many, { scope_name: 'im:message', grant_status: 1 }], {
      'required-scopes': 'im:message',
      'on-unexpected-scopes': 'warn'
    })
    expect(result.exitCode).toBe(0)
    expect(Buffer.byteLength(result.summary)).toBeLessThan(64 * 1024)
    expect(result.summary).toContain('| and 9400 more | the `unexpected-scopes` output lists them |')
    expect(result.summary).toContain('## Feishu/Lark tenant token: ⚠️ Token issued, unexpected scopes')
    for (const warning of result.warnings) expect(Buffer.byteLength(warning)).toBeLessThan(32 * 1024)
    expect(result.warnings.find(warning => warning.startsWith('9500 scopes are configured'))).toMatch(
      /^9500 scopes are configured on app .*\n(- drive:.*\n){100}- and 9400 more: the 'unexpected-scopes' output lists them\n/
    )
    const outputBytes = Object.entries(result.outputs).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0
    )
    expect(outputBytes).toBeLessThanOrEqual(512 * 1024)
    const granted = JSON.parse(result.outputs['granted-scopes']!) as string[]
    const unexpected = JSON.parse(result.outputs['unexpected-scopes']!) as string[]
    expect(granted.length).toBeLessThan(9501)
    expect(unexpected.length).toBeLessThan(9500)
    expect(unexpected).toEqual(many.slice(0, unexpected.length).map(s => s.scope_name))
    expect(result.warnings).toContainEqual(
      `The 'granted-scopes' output holds the first ${granted.length} of its 9501 scopes (sorted): all outputs of a job share GitHub's 1 MiB, and the action keeps its own within 512 KiB.`
    )
    expect(result.warnings).toContainEqual(expect.stringMatching(/^The 'unexpected-scopes' output holds the first \d+ of its 9500 scopes/))
    expect(result.outputs['missing-scopes']).toBe('[]')
  })

  it('names longer than a scope name can be are left out, and the required scopes table is cut too', async () => {
    const required = grantableScopes(
      150,
      TEST_APP.scopes!.map(s => s.scope_name)
    )
    const result = await runWithScopes([{ scope_name: `a:${'b'.repeat(200_000)}`, grant_status: 1 }, ...TEST_APP.scopes!], {
      'required-scopes': required.join(' '),
      'on-missing-scopes': 'warn'
    })
    expect(result.exitCode).toBe(0)
    expect(result.files.output).not.toContain('bbbbbbbbbb')
    expect(result.summary).toContain('| and 50 more | the `missing-scopes` output lists the missing ones |')
    expect(result.summary).toContain('**[Grant the first 100 missing scopes](')
    expect(result.warnings[0]).toContain("- and 50 more: the 'missing-scopes' output lists them\nGrant the first 100 in one click: ")
    expect(JSON.parse(result.outputs['missing-scopes']!)).toHaveLength(150)
  })
})

describe('the outputs budget, counted as UTF-8 or UTF-16, whichever is more', () => {
  it('ASCII scope names: the outputs stay within 512 KiB counted at 2 bytes a character', async () => {
    // About 600,000 characters of scope names, all granted for the app: more than fits.
    const many: SandboxScope[] = Array.from({ length: 9000 }, (_, n) => ({
      scope_name: `drive:a_scope_name_long_enough_to_fill_${String(n).padStart(6, '0')}`,
      grant_status: 1,
      scope_type: 'tenant'
    }))
    const result = await runWithScopes(
      [...many, { scope_name: 'im:message', grant_status: 1 }],
      { 'required-scopes': 'im:message' },
      {
        RUNNER_DEBUG: '1'
      }
    )
    expect(result.exitCode).toBe(0)
    const utf16 = Object.entries(result.outputs).reduce((sum, [name, value]) => sum + 2 * (name.length + value.length), 0)
    expect(utf16).toBeLessThanOrEqual(512 * 1024)
    expect(utf16).toBeGreaterThan(400 * 1024)
    expect(result.warnings).toContainEqual(expect.stringMatching(/^The 'granted-scopes' output holds the first \d+ of its 9001 scopes/))
  })
})
