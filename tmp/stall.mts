import { startConnectProxy } from '../harness/connect-proxy.js'
import { runAction } from '../harness/run-action.js'
import { TEST_APP, TEST_CA_FILE, TEST_RESOURCE_IDS as R, startSandbox } from '../harness/sandbox.js'
const sandbox = await startSandbox({ tls: true })
const proxy = await startConnectProxy({ host: '127.0.0.1', port: sandbox.port }, { blackHole: n => n === 3 })
const result = await runAction({
  inputs: { 'app-id': TEST_APP.appId, 'app-secret': TEST_APP.appSecret, 'attempt-timeout-seconds': '1',
    'required-access': [R.releaseChat, `base:${R.sharedBase}`, `calendar:${R.calendar}`, `sheet:${R.sheet}`].join('\n') },
  env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: TEST_CA_FILE, RUNNER_DEBUG: '1' }
})
console.log(result.exitCode, result.durationMs, 'tunnels asked', proxy.asked.length)
console.log(result.stdout.split('\n').filter(l => !l.startsWith('::add-mask')).join('\n'))
const paths = sandbox.requests.map(r => r.path)
console.log(paths)
await proxy.close(); await sandbox.close()
