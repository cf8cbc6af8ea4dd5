// The gate's audit, as the runner sees it: scopes the app holds beyond 'required-scopes' (least privilege), and the
// approval request. The built bundle, run as the runner runs it, against the sandbox; test/steps/gate.test.ts holds
// each case of the audit and the request in process.
import { type SandboxScope, TEST_APP, TEST_APP_READ_SCOPES } from '../../harness/sandbox.js'
import { expectNoEgressAddresses, runBundle, servers } from '../support/action.js'

// TEST_APP holds im:message and im:message:send_as_bot (granted), bitable:app (awaiting) and one read scope per
// resource call (granted) for the app identity; contact:user.base:readonly is granted for the user identity only.
const RESOURCE_READ_SCOPES = TEST_APP_READ_SCOPES
const scope = (scope_name: string, grant_status: number, scope_type: string): SandboxScope =>
  ({ scope_name, grant_status, scope_type }) as SandboxScope

/** A run in debug mode against a sandbox serving TEST_APP with these scopes. */
async function runWithScopes(scopes: SandboxScope[], inputs: Record<string, string>) {
  const app = { ...TEST_APP, scopes }
  const result = await runBundle({ sandbox: await servers.sandbox({ apps: [app] }), app, inputs, env: { RUNNER_DEBUG: '1' } })
  expectNoEgressAddresses(result)
  return result
}

describe('the audit of scopes beyond required-scopes, and the approval request', () => {
  it('warn: the step passes; the outputs, the warnings and the summary say what was found, and the admin is asked', async () => {
    const result = await runBundle({
      sandbox: await servers.sandbox(),
      inputs: {
        'required-scopes': 'im:message bitable:app',
        'on-missing-scopes': 'warn',
        'on-unexpected-scopes': 'warn',
        'request-approval': 'true'
      }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'missing-scopes': '["bitable:app"]',
      'unexpected-scopes': JSON.stringify([...RESOURCE_READ_SCOPES, 'im:message:send_as_bot'].sort()),
      'approval-requested': 'true'
    })
    expect(result.warnings).toHaveLength(2)
    expect(result.stdout).toContain("Asked the tenant admin to approve the app's pending scopes.")
    expect(result.summary).toContain('### Unexpected scopes')
  })

  it('fail: it fails closed, counting extra scopes under TENANT and under an unknown type', async () => {
    const result = await runWithScopes(
      [scope('im:message', 1, 'tenant'), scope('drive:drive', 1, 'TENANT'), scope('docx:document', 1, 'app')],
      {
        'required-scopes': 'im:message',
        'on-unexpected-scopes': 'fail'
      }
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs['unexpected-scopes']).toBe('["docx:document","drive:drive"]')
    expect(result.errors[0]).toMatch(/^2 scopes are configured on app .* but not in 'required-scopes'/)
  })

  it('leaves out scopes of the user identity only: the token cannot use them', async () => {
    const result = await runWithScopes(
      [scope('im:message', 1, 'tenant'), scope('contact:user.base:readonly', 1, 'user'), scope('drive:drive', 2, 'user')],
      { 'required-scopes': 'im:message', 'on-unexpected-scopes': 'fail' }
    )
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'unexpected-scopes': '[]', 'granted-scopes': '["im:message"]' })
    expect(result.summary).toContain('The app holds no scope beyond the required ones.')
  })
})
