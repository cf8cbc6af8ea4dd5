// Self-hosted runners behind a corporate proxy: HTTPS_PROXY / NO_PROXY in either case, through a real
// CONNECT proxy on loopback that records the host each tunnel asked for.
import { type ConnectProxy, startConnectProxy } from '../harness/connect-proxy.js'
import { runAction } from '../harness/run-action.js'
import { findLeaks } from './support/leaks.js'
import { type Sandbox, TEST_APP, TEST_CA_FILE, startSandbox } from '../harness/sandbox.js'

// Resolves nowhere, so only a proxy can reach it; the test certificate covers it.
const HOST = 'feishu-sandbox.invalid'
let sandbox: Sandbox
let proxy: ConnectProxy

beforeEach(async () => {
  sandbox = await startSandbox({ tls: true })
  proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
})
afterEach(async () => {
  await proxy.close()
  await sandbox.close()
})

const run = (env: Record<string, string>) =>
  runAction({
    inputs: {
      'app-id': TEST_APP.appId,
      'app-secret': TEST_APP.appSecret,
      'base-url': `https://${HOST}`,
      'required-scopes': 'im:message',
      'max-attempts': '1'
    },
    env: { NODE_EXTRA_CA_CERTS: TEST_CA_FILE, ...env }
  })

describe('proxy support', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])('sends both requests through %s', async variable => {
    const result = await run({ [variable]: proxy.url })
    expect(result.exitCode).toBe(0)
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1)
    expect(new Set(proxy.tunnels)).toEqual(new Set([`${HOST}:443`]))
    expect(sandbox.requests.map(r => r.path)).toEqual([
      '/open-apis/auth/v3/tenant_access_token/internal',
      '/open-apis/application/v6/scopes'
    ])
    expect(findLeaks(result, [TEST_APP.appSecret, ...sandbox.issuedTokens()])).toEqual([])
  })

  it.each(['NO_PROXY', 'no_proxy'])('goes direct for a host in %s', async variable => {
    const result = await run({ HTTPS_PROXY: proxy.url, [variable]: `example.com, ${HOST}` })
    expect(proxy.tunnels).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/could not be resolved/)
  })

  it('names the proxy, never its credentials, when the proxy is down', async () => {
    const result = await run({ HTTPS_PROXY: 'http://user:pr0xyPass@127.0.0.1:9' })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Using the proxy 127.0.0.1:9 for https://feishu-sandbox.invalid.')
    expect(result.errors[0]).toMatch(
      /^Could not get a tenant access token: the connection was refused while connecting to the proxy 127\.0\.0\.1:9 \(from HTTPS_PROXY\), before anything reached feishu-sandbox\.invalid\. Check that HTTPS_PROXY names a proxy that is up/
    )
    expect(result.errors[0]).not.toContain('base-url')
    expect(result.stdout + result.stderr + result.summary).not.toContain('pr0xyPass')
  })
})
