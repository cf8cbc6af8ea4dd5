// shims/README.md. Returning no agent makes http-client fall back to a plain one, which src/transport.ts's
// request handler replaces with its kept-alive tunnelling agent before any request is sent.
const none = () => undefined
module.exports = { httpOverHttp: none, httpsOverHttp: none, httpOverHttps: none, httpsOverHttps: none }
