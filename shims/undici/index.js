// @actions/http-client imports undici only for getAgentDispatcher(), which this action never calls (shims/README.md).
// Anything that does call it fails loudly here instead of silently going without a proxy.
class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
// Dev tools that import undici's fetch (@github/local-action does) get Node's own, which is undici's.
const fetch = (...args) => globalThis.fetch(...args)
module.exports = { ProxyAgent, fetch }
