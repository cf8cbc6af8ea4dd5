// The developer console's stand-in: GET /app/{app_id} and /app/{app_id}/auth?q=..., where the console links of the
// action and of 99991672 answers lead. Plain pages that say what the real developer console would show there.
import type { ServerResponse } from 'node:http'
import type { SandboxApp } from './apps.js'
import { decodeSegment, parseTarget } from './target.js'

/** A request for one of the console's pages: the app's page, or its Permissions & Scopes page (`auth`). */
export interface ConsoleRequest {
  appId: string
  auth: boolean
  query: URLSearchParams
}

/** The console page a request asks for, or undefined for any other request. */
export function consoleRequest(method: string | undefined, path: string): ConsoleRequest | undefined {
  const target = parseTarget(path)
  const route = target && /^\/app\/([^/]+)(\/auth)?\/?$/.exec(target.pathname)
  if (!target || !route || method !== 'GET') return undefined
  // An app id whose escapes do not decode is shown as it came.
  return { appId: decodeSegment(route[1]!) ?? route[1]!, auth: route[2] !== undefined, query: target.searchParams }
}

/** Answers with the page, for `app` (undefined: the sandbox has no app with that id). */
export function consolePage(res: ServerResponse, { appId, auth, query }: ConsoleRequest, app: SandboxApp | undefined): void {
  const html = auth ? permissionPage(appId, app, query) : appPage(appId, app)
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'",
    'x-content-type-options': 'nosniff'
  })
  res.end(html)
}

/** Text for an HTML page: nothing in it is markup. */
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)

/** A page of text: the title and each paragraph are HTML already (escapeHtml what comes from outside). */
const page = (title: string, blocks: string[]): string =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n${blocks.join('\n')}\n</body>\n</html>\n`

const SANDBOX_WORDS =
  "<p>This is the sandbox: a fake Feishu/Lark Open Platform on this machine (harness/sandbox.ts in the action's repository), with fake apps. It has no developer console.</p>"

/** The page /app/{app_id} stands in for: the app's page in the developer console. */
function appPage(appId: string, app: SandboxApp | undefined): string {
  const id = escapeHtml(appId)
  return page("Sandbox: the app's page in the developer console", [
    SANDBOX_WORDS,
    `<p>On the real developer console (https://open.feishu.cn/app/${id}, or https://open.larksuite.com/app/${id} for Lark), this address opens the page of app <code>${id}</code>: its Credentials &amp; Basic Info (凭证与基础信息) with the App ID and App Secret, and from there its Permissions &amp; Scopes (权限管理), its capabilities (the Bot among them), its Security Settings (安全设置: the IP allowlist) and its versions (版本管理与发布).</p>`,
    `<p>${app ? 'The sandbox has an app with this ID.' : 'The sandbox has no app with this ID.'}</p>`
  ])
}

/** The page /app/{app_id}/auth stands in for: the app's Permissions & Scopes page, with the scopes in `q` searched for. */
function permissionPage(appId: string, app: SandboxApp | undefined, query: URLSearchParams): string {
  const id = escapeHtml(appId)
  const scopes = (query.get('q') ?? '')
    .split(',')
    .map(scope => scope.trim())
    .filter(scope => scope !== '')
  // token_type picks the identity the page opens on; the action's links and Feishu's say tenant, the app identity.
  const identity = query.get('token_type') === 'user' ? 'user' : 'tenant'
  const identityWords =
    {
      tenant: ', on the app identity (token_type=tenant: the scopes a tenant access token carries)',
      user: ', on the user identity (token_type=user: the scopes user access tokens carry)'
    }[query.get('token_type') ?? ''] ?? ''
  const inSandbox = (scope: string): string => {
    const entries = (app?.scopes ?? []).filter(s => s.scope_name === scope && (s.scope_type ?? 'tenant') === identity)
    if (entries.some(s => s.grant_status === 1)) return 'granted'
    return entries.length > 0 ? 'awaiting approval' : 'not configured'
  }
  const list = scopes.length
    ? `<ul>\n${scopes
        .slice(0, 100)
        .map(scope => `<li><code>${escapeHtml(scope)}</code>${app ? `: ${inSandbox(scope)} in the sandbox` : ''}</li>`)
        .join('\n')}\n</ul>`
    : '<p>No scope is searched for: the link has no <code>q</code>.</p>'
  return page('Sandbox: the Permissions &amp; Scopes page in the developer console', [
    SANDBOX_WORDS,
    `<p>On the real developer console (https://open.feishu.cn, or https://open.larksuite.com for Lark), this address opens the Permissions &amp; Scopes page (权限管理) of app <code>${id}</code>${identityWords}, with these scopes searched for:</p>`,
    list,
    "<p>There you would enable them and publish a version (版本管理与发布), and the tenant admin would approve them. In the sandbox, an app's scopes are what harness/sandbox.ts gives it.</p>",
    ...(app ? [] : ['<p>The sandbox has no app with this ID.</p>'])
  ])
}
