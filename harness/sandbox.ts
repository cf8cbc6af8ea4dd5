// A fake Feishu/Lark Open Platform for the tests, `npm start`, `npm run sandbox` and the benchmark: the endpoint
// paths, bodies and error behaviour that docs/feishu.md describes, the resource calls, and a stand-in for the
// developer console's pages, over real loopback sockets. Dev-only.
//
// This file is its public face; the sandbox itself is in harness/sandbox/, one concern a file: the apps (apps.ts),
// the server (server.ts: connections, the request log, faults, then routes.ts), the endpoints (auth.ts,
// endpoints.ts), the console's pages (console.ts), the faults (faults.ts), the test certificate (certificates.ts),
// and the resource calls (resources/: fixtures, routes, rate limits, scopes, answers).
export {
  BOT_IP_WHITE_LIST,
  FENCED_APP,
  type SandboxApp,
  type SandboxBot,
  type SandboxScope,
  TEST_APP,
  TEST_APP_READ_SCOPES
} from './sandbox/apps.js'
export { TEST_CA_FILE, testCertificate } from './sandbox/certificates.js'
export { type Fault, faults } from './sandbox/faults.js'
export type { RecordedRequest } from './sandbox/request-log.js'
export { type Answer, answerResource } from './sandbox/resources/answers.js'
export { RESOURCE_TITLES, SANDBOX_TENANT_URL, TEST_RESOURCE_IDS, TEST_RESOURCES, reachingMore } from './sandbox/resources/fixtures.js'
export { RESOURCE_RATE_LIMITS, resourceRateLimiter } from './sandbox/resources/limits.js'
export type { ResourceCall, SandboxAccess, SandboxResources } from './sandbox/resources/model.js'
export { type ResourceRequest, resourceRequest } from './sandbox/resources/routes.js'
export { RESOURCE_SCOPES, scopeRequired } from './sandbox/resources/scopes.js'
export { type Sandbox, startSandbox } from './sandbox/server.js'
export type { SandboxOptions } from './sandbox/state.js'
export { parseTarget } from './sandbox/target.js'
