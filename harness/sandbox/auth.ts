// Who a call is from, checked in Feishu's order: the Bearer tenant token, then the tenant's monthly quota (in the
// sandbox's order: Feishu's is not documented), then the app's region, then its IP allowlist, then whether the tenant
// has it installed. The token endpoints skip all of it.
import type { SandboxApp } from './apps.js'
import { type Exchange, send } from './exchange.js'
import type { Answer } from './resources/answers.js'
import type { SandboxState } from './state.js'

/**
 * The app a Bearer tenant token belongs to, or undefined once the error is answered. An app not installed in the
 * tenant gets `notInstalled` (212100, the scopes call's answer, unless the call has a code of its own).
 */
export function authorised(
  state: SandboxState,
  { req, res }: Exchange,
  notInstalled: Answer = { status: 400, body: { code: 212100, msg: 'app not install' } }
): SandboxApp | undefined {
  const authorization = req.headers.authorization
  if (!authorization) return void send(res, 400, { code: 99991661, msg: 'Missing access token for authorization.' })
  const match = /^Bearer (t-\S+)$/.exec(authorization)
  if (!match)
    return void send(res, 400, {
      code: 99991671,
      msg: 'Invalid access token for authorization. Please make a request with token attached.'
    })
  const issued = state.tokens.get(match[1]!)
  if (!issued || issued.expiresAt < Date.now())
    return void send(res, 400, {
      code: 99991663,
      msg: 'Invalid access token for authorization. Please make a request with token attached.'
    })
  const app = state.apps.get(issued.appId)!
  if (app.quotaLeft !== undefined) {
    // The wording is the sandbox's own; the code and status are Feishu's.
    if (app.quotaLeft <= 0) return void send(res, 429, { code: 99991403, msg: "The tenant's monthly quota of API calls is used up." })
    app.quotaLeft--
  }
  if (app.otherRegion) return void send(res, 400, { code: 1000040351, msg: 'Incorrect domain name' })
  const caller = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '')
  if (app.ipAllowlist && !app.ipAllowlist.includes(caller)) {
    // The wording is the sandbox's own; the code is Feishu's.
    return void send(res, 400, { code: 99991401, msg: `ip ${caller} is not in the app's ip whitelist` })
  }
  if (app.installed === false) return void send(res, notInstalled.status, notInstalled.body)
  return app
}
