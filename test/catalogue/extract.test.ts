import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from '../../scripts/catalogue/build.js'
import { extract, type SpecFile } from '../../scripts/catalogue/extract.js'
import { formatOperations, parseOperations } from '../../scripts/catalogue/operations.js'
import { REPOSITORY, readSource } from '../../scripts/catalogue/source.js'
import { decodeCatalogue } from '../../src/catalogue/catalogue.js'
import { SOURCE } from './small.js'

const FIXTURE = fileURLToPath(new URL('../fixtures/lark-openapi-spec/', import.meta.url))
const fixtureFiles = (): SpecFile[] =>
  readdirSync(join(FIXTURE, 'openapi')).map(name => ({ name, text: readFileSync(join(FIXTURE, 'openapi', name), 'utf8') }))

const HEADER = [
  '# Every operation of openapi/*.yaml in https://example.com/spec (MIT licence: catalogue/LICENSE), as derived by',
  '# `npm run catalogue -- refresh <path>`: do not edit by hand. Columns: the call, the token types it accepts, the',
  '# scopes that allow it (any one), and the scopes for extra fields only. The runtime table is built from this file.',
  '# repository: https://example.com/spec',
  '# commit: c0ffee',
  '# date: 2026-01-02T03:04:05Z',
  'method\tpath\toperationId\ttokens\tscopes\tfield_scopes'
]
const ROWS = [
  'POST\t/open-apis/auth/v3/tenant_access_token/internal\tauth_auth_tenant_access_token_internal\t-\t-\t-',
  'POST\t/open-apis/authen/v1/access_token\tauthen_access_token_create\tapp\t-\t-',
  'GET\t/open-apis/demo/v1/me\tdemo_me_get\tuser\tdemo:me:read\t-',
  'GET\t/open-apis/demo/v1/settings\tdemo_setting_get\ttenant\t-\t-',
  'GET\t/open-apis/demo/v1/widgets\tdemo_widget_list\ttenant\tdemo:widget,demo:widget:readonly\tcontact:user.email:readonly,contact:user.id:readonly',
  'POST\t/open-apis/demo/v1/widgets\tdemo_widget_create\ttenant,user\tdemo:widget,demo:widget:create\t-',
  'GET\t/open-apis/demo/v1/widgets/{widget_id}/parts\tdemo_widget_part_list\ttenant\tdemo:widget:readonly\t-'
]

describe('the extract stage', () => {
  it('writes one line per operation, sorted by path then method, lists sorted and de-duplicated, - for none, under the source', () => {
    expect(extract(fixtureFiles(), SOURCE)).toBe(`${[...HEADER, ...ROWS].join('\n')}\n`)
  })

  it('gives the same text whatever the order the files come in', () => {
    expect(extract(fixtureFiles().reverse(), SOURCE)).toBe(extract(fixtureFiles(), SOURCE))
  })

  const demo = (operation: string) => ({
    name: 'x.yaml',
    text: `paths:\n  /open-apis/x/v1/y:\n${operation}`
  })
  it.each([
    ['a method it does not know', '    head:\n      operationId: x_y_head\n', /x.yaml: head \/open-apis\/x\/v1\/y: a method/],
    ['an operation without operationId', '    get:\n      summary: y\n', /no operationId/],
    ['an unknown token type', '    get:\n      operationId: x_y_get\n      x-lark-access-tokens: [bot]\n', /x-lark-access-tokens is not/],
    ['a scope list that is not one', '    get:\n      operationId: x_y_get\n      x-lark-scopes: im:message\n', /x-lark-scopes is not/],
    [
      'a scope that is no scope name',
      '    get:\n      operationId: x_y_get\n      x-lark-field-scopes: ["im message"]\n',
      /x-lark-field-scopes/
    ]
  ])('stops at %s, naming the file and the operation', (_, operation, error) => {
    expect(() => extract([demo(operation)], SOURCE)).toThrow(error)
  })

  it('stops when two operations share a method and path, or an operationId', () => {
    const get = (id: string) => demo(`    get:\n      operationId: ${id}\n`)
    expect(() => extract([get('x_y_get'), get('x_y_get2')], SOURCE)).toThrow('two operations are GET /open-apis/x/v1/y')
    const other = { name: 'z.yaml', text: 'paths:\n  /open-apis/x/v1/z:\n    get:\n      operationId: x_y_get\n' }
    expect(() => extract([get('x_y_get'), other], SOURCE)).toThrow('two operations are x_y_get')
  })
})

describe('the TSV record', () => {
  const text = extract(fixtureFiles(), SOURCE)

  it('reads back what it wrote: parse then format gives the same bytes', () => {
    expect(formatOperations(parseOperations(text))).toBe(text)
    expect(parseOperations(text).source).toEqual(SOURCE)
  })

  it.each([
    ['a row with a column missing', text.replace('\tdemo:me:read\t-', '\tdemo:me:read'), /line 10: 5 columns, not 6/],
    ['an unknown method', text.replace('GET\t/open-apis/demo/v1/me', 'FETCH\t/open-apis/demo/v1/me'), /line 10: unknown method FETCH/],
    ['a path outside /open-apis/', text.replace('\t/open-apis/demo/v1/me', '\t/demo/v1/me'), /line 10: the path/],
    [
      'a parameter that is not a whole segment',
      text.replace('\t/open-apis/demo/v1/me', '\t/open-apis/demo/v1/me_{id}'),
      /line 10: a parameter/
    ],
    ['a parameter with no closing brace', text.replace('\t/open-apis/demo/v1/me', '\t/open-apis/demo/v1/{me'), /line 10: a parameter/],
    ['an unknown token type', text.replace('\tuser\tdemo:me:read', '\tbot\tdemo:me:read'), /line 10: unknown token type/],
    ['a scope that is no scope name', text.replace('demo:me:read', 'demo'), /line 10: a scope list/],
    ['a missing commit line', text.replace('# commit: c0ffee\n', ''), /lacks the repository, commit or date/],
    ['a row given twice', text + ROWS[2], /two operations are GET \/open-apis\/demo\/v1\/me/]
  ])('refuses %s', (_, broken, error) => {
    expect(() => parseOperations(broken)).toThrow(error)
  })
})

describe('the build stage', () => {
  const catalogue = decodeCatalogue(build(extract(fixtureFiles(), SOURCE)))

  it('keeps the calls that accept a tenant token with their scopes, field scopes left out', () => {
    expect(catalogue.tenantCalls).toEqual([
      { tenant: true, method: 'GET', path: '/open-apis/demo/v1/settings', operationId: 'demo_setting_get', scopes: [] },
      {
        tenant: true,
        method: 'GET',
        path: '/open-apis/demo/v1/widgets',
        operationId: 'demo_widget_list',
        scopes: ['demo:widget', 'demo:widget:readonly']
      },
      {
        tenant: true,
        method: 'POST',
        path: '/open-apis/demo/v1/widgets',
        operationId: 'demo_widget_create',
        scopes: ['demo:widget', 'demo:widget:create']
      },
      {
        tenant: true,
        method: 'GET',
        path: '/open-apis/demo/v1/widgets/{widget_id}/parts',
        operationId: 'demo_widget_part_list',
        scopes: ['demo:widget:readonly']
      }
    ])
  })

  it('keeps the others with their token types only: user-only, app-only, none', () => {
    expect(catalogue.otherCalls.map(call => [call.operationId, call.tokens])).toEqual([
      ['auth_auth_tenant_access_token_internal', []],
      ['authen_access_token_create', ['app']],
      ['demo_me_get', ['user']]
    ])
  })

  it('knows every scope name mentioned: of every call, user-only ones and field scopes too', () => {
    expect(catalogue.scopeNames).toEqual([
      'contact:user.email:readonly',
      'contact:user.id:readonly',
      'demo:me:read',
      'demo:widget',
      'demo:widget:create',
      'demo:widget:readonly'
    ])
    expect(catalogue.source).toEqual(SOURCE)
  })
})

describe('reading a copy of the source', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd,
      stdio: 'pipe',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-08-22T10:24:38+08:00', GIT_COMMITTER_DATE: '2026-08-22T10:24:38+08:00' }
    })
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-source-'))
  const checkout = join(dir, 'checkout')
  cpSync(FIXTURE, checkout, { recursive: true })
  git(checkout, 'init', '-q')
  git(checkout, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.')
  git(checkout, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'fixture')
  const commit = git(checkout, 'rev-parse', 'HEAD').toString().trim()
  git(dir, 'clone', '-q', '--bare', checkout, 'bare.git')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads a checkout and a git directory alike: the files, the commit and its date in UTC', () => {
    const expected = { repository: REPOSITORY, commit, date: '2026-08-22T02:24:38Z' }
    for (const path of [checkout, join(dir, 'bare.git')]) {
      const copy = readSource(path)
      expect(copy.source).toEqual(expected)
      expect(extract(copy.files, SOURCE)).toBe(extract(fixtureFiles(), SOURCE))
    }
  })

  it('refuses a checkout whose openapi/ differs from its commit, which would then not describe it', () => {
    appendFileSync(join(checkout, 'openapi/demo.yaml'), '\n# changed\n')
    expect(() => readSource(checkout)).toThrow(/differs from its last commit/)
    git(checkout, 'checkout', '-q', '--', 'openapi')
    expect(readSource(checkout).source.commit).toBe(commit)
  })

  it('refuses a folder that is neither', () => {
    expect(() => readSource(join(dir, 'nothing'))).toThrow()
  })
})
