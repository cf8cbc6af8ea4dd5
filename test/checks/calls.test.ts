// The gate per call, and required scopes made right by the catalogue: any one of a call's scopes allows it; the
// narrowest is the one to grant, never one no one should be told to grant; a broader scope covers a narrower one;
// a typo or a retired name is said to be one; the audit counts what the calls need.
import type { Catalogue } from '../../src/catalogue/catalogue.js'
import { loadCatalogue } from '../../src/catalogue/load.js'
import { checkScopes } from '../../src/checks/scopes.js'
import type { ListedScope } from '../../src/feishu/scopes.js'
import { parseRequiredCalls } from '../../src/inputs/calls.js'
import { newInEachTest, small } from '../catalogue/small.js'

const real = newInEachTest(loadCatalogue())
const granted = (name: string, identity?: string): ListedScope => ({ name, grantStatus: 1, ...(identity && { identity }) })
const awaiting = (name: string): ListedScope => ({ name, grantStatus: 2 })

/** The required calls of an input, read against a catalogue. */
function calls(lines: string, catalogue: Catalogue = real()) {
  const { calls, problems } = parseRequiredCalls(lines, catalogue)
  expect(problems).toEqual([])
  return calls
}

/** What the gate finds of each call: its status, and the scope held or to grant. */
const perCall = (lines: string, listed: ListedScope[], catalogue: Catalogue = real()) =>
  checkScopes([], listed, { calls: calls(lines, catalogue), catalogue: () => catalogue }).calls.map(
    ({ required, status, held, grant, awaiting }) => ({
      call: required.written,
      status,
      ...(held && { held }),
      ...(grant && { grant }),
      ...(awaiting && { awaiting })
    })
  )

describe('a required call', () => {
  it('is allowed by any one of its scopes, and uses the narrowest of those the token carries', () => {
    expect(perCall('POST /open-apis/im/v1/messages', [granted('im:message')])).toEqual([
      { call: 'POST /open-apis/im/v1/messages', status: 'allowed', held: 'im:message' }
    ])
    expect(perCall('POST /open-apis/im/v1/messages', [granted('im:message'), granted('im:message:send_as_bot')])).toEqual([
      { call: 'POST /open-apis/im/v1/messages', status: 'allowed', held: 'im:message:send_as_bot' }
    ])
  })

  it('that needs no scope is allowed by none', () => {
    expect(perCall('GET /open-apis/application/v6/scopes', [])).toEqual([
      { call: 'GET /open-apis/application/v6/scopes', status: 'allowed' }
    ])
  })

  it('none of whose scopes the token carries names the narrowest to grant: the upload of an image, im:resource', () => {
    expect(perCall('POST /open-apis/im/v1/images', [granted('im:message')])).toEqual([
      { call: 'POST /open-apis/im/v1/images', status: 'not-configured', grant: 'im:resource' }
    ])
  })

  it("never names a scope no one should be told to grant (a historical one, here), unless the app's list has it for the app", () => {
    // im:message:send allows fewer calls than im:message:send_as_bot, but is the historical version.
    expect(perCall('POST /open-apis/im/v1/messages', [])).toEqual([
      { call: 'POST /open-apis/im/v1/messages', status: 'not-configured', grant: 'im:message:send_as_bot' }
    ])
    expect(perCall('POST /open-apis/im/v1/messages', [awaiting('im:message:send')])).toEqual([
      { call: 'POST /open-apis/im/v1/messages', status: 'awaiting-approval', awaiting: ['im:message:send'] }
    ])
  })

  it("whose scope awaits the tenant admin's approval says so, naming it", () => {
    expect(perCall('POST /open-apis/im/v1/images', [awaiting('im:resource:upload')])).toEqual([
      { call: 'POST /open-apis/im/v1/images', status: 'awaiting-approval', awaiting: ['im:resource:upload'] }
    ])
  })

  it('is not allowed by a scope enabled for users only: a tenant token does not carry it', () => {
    expect(perCall('POST /open-apis/im/v1/images', [granted('im:resource', 'user')])).toEqual([
      { call: 'POST /open-apis/im/v1/images', status: 'user-only', grant: 'im:resource' }
    ])
  })

  it('is not allowed by a scope listed only under a scope_type this action does not know', () => {
    expect(perCall('POST /open-apis/im/v1/images', [granted('im:resource', 'robot')])).toEqual([
      { call: 'POST /open-apis/im/v1/images', status: 'unknown-type', grant: 'im:resource' }
    ])
  })

  it('lists the missing ones, as written and sorted, and asks for their scopes in the grant link', () => {
    const check = checkScopes([], [granted('im:message')], {
      calls: calls('POST /open-apis/im/v1/images # chart\nim.v1.message.create\nPOST /open-apis/im/v1/files'),
      catalogue: real
    })
    expect(check.missingCalls).toEqual(['POST /open-apis/im/v1/files', 'POST /open-apis/im/v1/images'])
    expect(check.toGrant).toEqual(['im:resource'])
    expect(check.missing).toEqual([])
  })
})

describe('a required scope, with the catalogue', () => {
  const statuses = (required: string[], listed: ListedScope[], catalogue: Catalogue = real()) =>
    checkScopes(required, listed, { catalogue: () => catalogue }).statuses

  it('is held through a broader scope that allows every call it allows: docx:document for docx:document:create', () => {
    expect(statuses(['docx:document:create'], [granted('docx:document')])).toEqual([
      { scope: 'docx:document:create', status: 'covered', by: 'docx:document' }
    ])
    // Not the other way round: the narrower one does not allow every call of the broader one.
    expect(statuses(['docx:document'], [granted('docx:document:create')])).toEqual([{ scope: 'docx:document', status: 'not-configured' }])
  })

  it('that Feishu does not know, and the app does not hold, is unknown, with the nearest real names', () => {
    expect(statuses(['im:messages'], [])).toEqual([{ scope: 'im:messages', status: 'unknown', nearest: ['im:message'] }])
  })

  it('that the app lists is never unknown, whatever the catalogue says', () => {
    expect(statuses(['im:messages'], [awaiting('im:messages')])).toEqual([{ scope: 'im:messages', status: 'awaiting-approval' }])
  })

  it('that the console merged into another is retired, and names the one to require', () => {
    expect(statuses(['approval:task:read'], [])).toEqual([{ scope: 'approval:task:read', status: 'retired', into: 'approval:task' }])
    expect(checkScopes(['approval:task:read'], [], { catalogue: real }).toGrant).toEqual(['approval:task'])
  })

  it('is checked without the catalogue when every required scope is held as it is: it is never read', () => {
    let reads = 0
    const catalogue = () => {
      reads++
      return real()
    }
    expect(checkScopes(['im:message'], [granted('im:message')], { catalogue }).missing).toEqual([])
    expect(reads).toBe(0)
    checkScopes(['im:message', 'docx:document', 'bitable:app'], [granted('im:message')], { catalogue })
    expect(reads).toBe(1)
  })

  it('covering is decided by the calls, not the names', () => {
    const catalogue = small(
      'GET /open-apis/a/v1/x a_x_get tenant a:wide,a:x',
      'GET /open-apis/a/v1/y a_y_get tenant a:wide,a:y',
      'GET /open-apis/a/v1/z a_z_get tenant a:x:more'
    )
    expect(statuses(['a:x', 'a:y'], [granted('a:wide')], catalogue).map(({ status, by }) => [status, by])).toEqual([
      ['covered', 'a:wide'],
      ['covered', 'a:wide']
    ])
    expect(statuses(['a:x:more'], [granted('a:x')], catalogue)).toEqual([{ scope: 'a:x:more', status: 'not-configured' }])
  })
})

describe('the least-privilege audit, with calls', () => {
  it('counts a scope a required call uses, and the broader scope that covers a required one, as needed', () => {
    const check = checkScopes(['docx:document:create'], [granted('docx:document'), granted('im:resource'), granted('drive:drive')], {
      calls: calls('POST /open-apis/im/v1/images'),
      catalogue: real
    })
    expect(check.unexpected).toEqual([{ scope: 'drive:drive', status: 'granted' }])
  })

  it('says which narrower scope suffices for the calls a broader one allows', () => {
    const check = checkScopes([], [granted('im:message'), granted('im:message:send_as_bot')], {
      calls: calls('POST /open-apis/im/v1/messages'),
      catalogue: real
    })
    expect(check.unexpected).toEqual([{ scope: 'im:message', status: 'granted', narrower: 'im:message:send_as_bot' }])
  })
})
