// `npm run bench` (second part): which agent should carry the token and scopes requests through a proxy?
// Each candidate makes one run's two requests with @actions/http-client through a CONNECT proxy over a link
// with 50 ms each way, alternating, and is also timed for what loading it adds to start-up. Node's own proxy
// support (an Agent with `proxyEnv`, Node 24.5 and later) is one candidate; BENCH_NODE_OLDEST=/path/to/node
// also asks the Node of the oldest runner this action supports whether it honours `proxyEnv` at all.
// Run with NODE_EXTRA_CA_CERTS set to the test CA (the npm script does).
import { execFile } from 'node:child_process'
import type http from 'node:http'
import https from 'node:https'
import { promisify } from 'node:util'
import { HttpClient } from '@actions/http-client'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { openTransport } from '../src/feishu/transport.js'
import { startConnectProxy } from '../harness/connect-proxy.js'
import { startLink } from '../harness/link.js'
import { NODE24 } from '../harness/runtimes.js'
import { TEST_APP, startSandbox } from '../harness/sandbox.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const DELAY = Number(process.env.BENCH_PROXY_DELAY_MS ?? 50)
const HOST = 'feishu-sandbox.invalid'
const sh = promisify(execFile)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!

const sandbox = await startSandbox({ tls: true })
const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port })
const link = await startLink({ host: '127.0.0.1', port: proxy.port }, { oneWayDelayMs: DELAY })
const proxyUrl = `http://127.0.0.1:${link.port}`
process.env.HTTPS_PROXY = proxyUrl
const baseUrl = `https://${HOST}`

/** One run's two requests through `agent`, on a client of their own. */
async function twoRequests(agent: http.Agent): Promise<void> {
  const client = new HttpClient(
    'bench',
    [
      {
        prepareRequest: options => {
          options.agent = agent
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => Promise.reject(new Error('no'))
      }
    ],
    { keepAlive: true, allowRetries: false, allowRedirects: false }
  )
  const body = JSON.stringify({ app_id: TEST_APP.appId, app_secret: TEST_APP.appSecret })
  const token = JSON.parse(
    await (
      await client.post(`${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, body, { 'content-type': 'application/json' })
    ).readBody()
  )
  const scopes = await client.get(`${baseUrl}/open-apis/application/v6/scopes`, { authorization: `Bearer ${token.tenant_access_token}` })
  if (JSON.parse(await scopes.readBody()).code !== 0) throw new Error('scopes failed')
  agent.destroy()
  client.dispose()
}

const candidates: Array<{ name: string; run: () => Promise<void>; load: string }> = [
  {
    name: 'ours (src/transport.ts)',
    run: async () => {
      const transport = openTransport(baseUrl)
      const body = JSON.stringify({ app_id: TEST_APP.appId, app_secret: TEST_APP.appSecret })
      const { message } = await transport.http.request('POST', `${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, body, {
        'content-type': 'application/json'
      }).answer
      let text = ''
      for await (const chunk of message) text += chunk
      const { message: scopes } = await transport.http.request('GET', `${baseUrl}/open-apis/application/v6/scopes`, null, {
        authorization: `Bearer ${JSON.parse(text).tenant_access_token}`
      }).answer
      for await (const _ of scopes) void _
      transport.dispose()
    },
    load: ''
  },
  {
    name: "Node's own (Agent with proxyEnv)",
    run: () => twoRequests(new https.Agent({ keepAlive: true, proxyEnv: { HTTPS_PROXY: proxyUrl } })),
    load: ''
  },
  {
    name: 'https-proxy-agent, keepAlive',
    run: () => twoRequests(new HttpsProxyAgent(proxyUrl, { keepAlive: true })),
    load: "await import('https-proxy-agent')"
  }
]

const wall = new Map(candidates.map(c => [c.name, [] as number[]]))
const tunnels = new Map(candidates.map(c => [c.name, [] as number[]]))
for (const c of candidates) await c.run() // warm up
for (let i = 0; i < RUNS; i++) {
  for (let j = 0; j < candidates.length; j++) {
    const c = candidates[(i + j) % candidates.length]!
    const before = proxy.tunnels.length
    const started = performance.now()
    await c.run()
    wall.get(c.name)!.push(performance.now() - started)
    tunnels.get(c.name)!.push(proxy.tunnels.length - before)
  }
}

// What loading each adds to a fresh Node process (the agent code only; all need node:https).
const loads = new Map(candidates.map(c => [c.name, [] as number[]]))
const bare: number[] = []
const time = async (code: string) => {
  const started = performance.now()
  await sh(NODE24, [
    '--input-type=module',
    '-e',
    `import { createRequire } from 'node:module'; const require = createRequire(process.cwd() + '/'); require('node:https'); ${code}`
  ])
  return performance.now() - started
}
for (let i = 0; i < RUNS; i++) {
  bare.push(await time(''))
  for (const c of candidates) if (c.load !== '') loads.get(c.name)!.push(await time(c.load))
}

const floor = median(wall.get(candidates[0]!.name)!)
console.log(`### Through a CONNECT proxy, ${DELAY} ms each way: token + scopes with each agent (${RUNS} alternating runs)\n`)
console.log('| agent | median wall | ÷ ours | tunnels / run | adds to start-up |\n| --- | --- | --- | --- | --- |')
for (const c of candidates) {
  const w = median(wall.get(c.name)!)
  const load = c.load === '' ? 'nothing (Node built-ins)' : `${(median(loads.get(c.name)!) - median(bare)).toFixed(1)} ms`
  console.log(`| ${c.name} | ${w.toFixed(1)} ms | ${(w / floor).toFixed(2)} | ${median(tunnels.get(c.name)!)} | ${load} |`)
}

const oldest = process.env.BENCH_NODE_OLDEST
if (oldest) {
  // One request through an Agent with proxyEnv: a tunnel at the proxy means it was honoured, a DNS error that it
  // went direct (feishu-sandbox.invalid resolves nowhere).
  const before = proxy.tunnels.length
  const { stdout } = await sh(oldest, [
    '-e',
    `const https = require('node:https')
     const agent = new https.Agent({ proxyEnv: { HTTPS_PROXY: process.argv[1] } })
     https.get('${baseUrl}/', { agent }, res => { console.log('HTTP ' + res.statusCode); process.exit(0) })
       .on('error', error => { console.log(error.code); process.exit(0) })`,
    proxyUrl
  ])
  const version = (await sh(oldest, ['--version'])).stdout.trim()
  console.log(
    `\nNode ${version}: an Agent with proxyEnv ${proxy.tunnels.length > before ? 'went through the proxy' : `went direct (${stdout.trim()})`}.`
  )
}
await link.close()
await proxy.close()
await sandbox.close()
