import { checkScopes } from '../../src/checks/scopes.js'
import { endpointFor } from '../../src/feishu/region.js'
import { APP_ID, granted, rules } from '../support/gate.js'
import type { ListedScope } from '../../src/feishu/scopes.js'
import { allGrantedMessage, missingFix, missingScopesMessage, unexpectedScopesMessage } from '../../src/words/gate.js'

const awaiting = (name: string): ListedScope => ({ name, grantStatus: 2 })
/** `prefix:000`...: many scope names, in order. */
const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}:${String(i).padStart(3, '0')}`)

describe('allGrantedMessage', () => {
  it('speaks of one scope, or counts them', () => {
    expect(allGrantedMessage(checkScopes(['im:message'], [granted('im:message')]))).toBe('The required scope is granted.')
    expect(allGrantedMessage(checkScopes(['im:message', 'a:b'], [granted('im:message'), granted('a:b')]))).toBe(
      'All 2 required scopes are granted.'
    )
  })
})

describe('missingScopesMessage', () => {
  it('gives each missing scope its reason and fix, and the link', () => {
    const check = checkScopes(
      ['im:message', 'bitable:app', 'docx:document', 'drive:drive', 'calendar:calendar'],
      [
        granted('im:message'),
        awaiting('bitable:app'),
        { name: 'docx:document', grantStatus: 1, identity: 'user' },
        { name: 'drive:drive', grantStatus: 1, identity: 'robot' }
      ]
    )
    expect(missingScopesMessage(check, rules(), 'LINK').split('\n')).toEqual([
      `4 of 5 required scopes are missing for app ${APP_ID}:`,
      "- bitable:app: configured on the app but not granted by the tenant: ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them.",
      `- calendar:calendar: not configured on the app: add it on the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth), then publish a version on the app's Version Management & Release page.`,
      `- docx:document: enabled for users only (the user identity), so a tenant token does not carry it: enable it for the app identity on the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth), then publish a version on the app's Version Management & Release page.`,
      `- drive:drive: listed only with a scope_type this action does not know, so it is not counted as carried by a tenant token: check it on the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth): enable it for the app identity, then publish a version on the app's Version Management & Release page.`,
      'Grant them in one click: LINK'
    ])
  })

  it('lists the first 100 and says where the rest are', () => {
    const lines = missingScopesMessage(checkScopes(many('s', 101), []), rules(), 'LINK').split('\n')
    expect(lines[0]).toBe(`101 of 101 required scopes are missing for app ${APP_ID}:`)
    expect(lines).toHaveLength(1 + 100 + 2)
    expect(lines[100]).toMatch(/^- s:099: /)
    expect(lines.slice(-2)).toEqual(["- and 1 more: the 'missing-scopes' output lists them", 'Grant the first 100 in one click: LINK'])
  })
})

describe('missingFix', () => {
  it('says the admin will be asked when request-approval is on', () => {
    expect(missingFix({ status: 'awaiting-approval' }, rules({ requestApproval: true }))).toBe(
      "the tenant admin must approve it ('request-approval: true' asks them once; its own line says whether the request went through)"
    )
  })

  it('names the Chinese console page for Feishu', () => {
    expect(missingFix({ status: 'not-configured' }, rules({ endpoint: endpointFor('feishu') }))).toBe(
      `add it on the app's Permissions & Scopes (权限管理) page (https://open.feishu.cn/app/${APP_ID}/auth), then publish a version on the app's Version Management & Release (版本管理与发布) page`
    )
  })
})

describe('unexpectedScopesMessage', () => {
  it('lists each unexpected scope with its status, and how to remove it or require it', () => {
    const check = checkScopes(['im:message'], [granted('im:message'), granted('drive:drive'), awaiting('docx:document')])
    expect(unexpectedScopesMessage(check, rules()).split('\n')).toEqual([
      `2 scopes are configured on app ${APP_ID} but not in 'required-scopes' (least privilege: a tenant token carries every scope the app holds):`,
      '- docx:document: awaiting approval',
      '- drive:drive: granted',
      `Remove them on the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth) and publish a version on the app's Version Management & Release page, or add them to 'required-scopes' if the workflow needs them.`
    ])
  })

  it('speaks of one scope as "it"', () => {
    const check = checkScopes(['im:message'], [granted('im:message'), granted('drive:drive')])
    const message = unexpectedScopesMessage(check, rules())
    expect(message).toMatch(/^1 scope is configured/)
    expect(message).toMatch(/\nRemove it on .*, or add it to 'required-scopes' if the workflow needs it\.$/)
  })

  it('lists the first 100 and says where the rest are', () => {
    const check = checkScopes(['im:message'], many('s', 102).map(granted))
    const lines = unexpectedScopesMessage(check, rules()).split('\n')
    expect(lines[0]).toMatch(/^102 scopes are configured/)
    expect(lines).toHaveLength(1 + 100 + 2)
    expect(lines[101]).toBe("- and 2 more: the 'unexpected-scopes' output lists them")
  })
})
