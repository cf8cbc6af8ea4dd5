// @actions/http-client imports undici only for getAgentDispatcher(), which this action never calls (shims/README.md).
// Anything that does call it fails loudly here instead of silently going without a proxy.
class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with this action: HttpClient.getAgentDispatcher() is not supported')
  }
}
module.exports = { ProxyAgent }
