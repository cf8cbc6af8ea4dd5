// The committed catalogue's facts, as counted from its source (dayongxie/lark-openapi-spec 5395fea of 2026-08-22)
// and noted in docs/feishu.md, "The API catalogue": a refresh that changes them shows here, for a person to look at.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseOperations } from '../../scripts/catalogue/operations.js'
import { loadCatalogue } from '../../src/catalogue/load.js'

const catalogue = loadCatalogue()
const operations = parseOperations(
  readFileSync(fileURLToPath(new URL('../../catalogue/operations.tsv', import.meta.url)), 'utf8')
).operations

it('comes from commit 5395fea of dayongxie/lark-openapi-spec, of 2026-08-22', () => {
  expect(catalogue.source).toEqual({
    repository: 'https://github.com/dayongxie/lark-openapi-spec',
    commit: '5395fea529c71af6b7c45a7af5b305d56af31ed2',
    date: '2026-08-22T02:24:38Z'
  })
})

it('has 1,631 calls: 1,480 accept a tenant token, 151 do not', () => {
  expect([operations.length, catalogue.tenantCalls.length, catalogue.otherCalls.length]).toEqual([1631, 1480, 151])
})

it('lists scopes for 1,474 tenant calls; the other 6 need none', () => {
  const none = catalogue.tenantCalls.filter(call => call.scopes.length === 0).map(call => `${call.method} ${call.path}`)
  expect(none).toEqual([
    'POST /open-apis/application/v6/app_badge/set',
    'GET /open-apis/application/v6/scopes',
    'POST /open-apis/application/v6/scopes/apply',
    'GET /open-apis/event/v1/connection',
    'GET /open-apis/im/v1/files/{file_key}',
    'GET /open-apis/im/v1/images/{image_key}'
  ])
})

it('names 674 distinct scopes among the tenant calls, and 1,041 scope names in all (field scopes and other calls too)', () => {
  expect(new Set(catalogue.tenantCalls.flatMap(call => call.scopes)).size).toBe(674)
  expect(catalogue.scopeNames.length).toBe(1041)
})

it('has 142 user-only calls, 4 app-only calls, and 5 that list no token type (the token calls)', () => {
  const kinds = catalogue.otherCalls.map(call => call.tokens.join(','))
  expect([kinds.filter(k => k === 'user').length, kinds.filter(k => k === 'app').length, kinds.filter(k => k === '').length]).toEqual([
    142, 4, 5
  ])
  expect(catalogue.otherCalls.filter(call => call.tokens.length === 0).map(call => call.path)).toEqual([
    '/open-apis/auth/v3/app_access_token',
    '/open-apis/auth/v3/app_access_token/internal',
    '/open-apis/auth/v3/app_ticket/resend',
    '/open-apis/auth/v3/tenant_access_token',
    '/open-apis/auth/v3/tenant_access_token/internal'
  ])
})

it('is loaded once: the same catalogue on every call', () => {
  expect(loadCatalogue()).toBe(catalogue)
})
