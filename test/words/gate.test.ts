import { checkScopes } from '../../src/checks/scopes.js'
import { endpointFor } from '../../src/feishu/region.js'
import { APP_ID, granted, rules } from '../support/gate.js'
import type { ListedScope } from '../../src/feishu/scopes.js'
import {
  allCallsMessage,
  allGrantedMessage,
  callReason,
  catalogueNote,
  coveredMessage,
  missingCallsMessage,
  missingFix,
  missingScopesMessage,
  unexpectedScopesMessage
} from '../../src/words/gate.js'
import { parseRequiredCalls } from '../../src/inputs/calls.js'
import { small } from '../catalogue/small.js'

const awaiting = (name: string): ListedScope => ({ name, grantStatus: 2 })
const page = `the app's Permissions & Scopes page (https://open.larksuite.com/app/${APP_ID}/auth)`
const publish = "publish a version on the app's Version Management & Release page"
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

describe('coveredMessage', () => {
  it('names the broader scope the required one is granted through', () => {
    expect(coveredMessage({ scope: 'docx:document:create', status: 'covered', by: 'docx:document' })).toBe(
      'The required scope docx:document:create is granted through docx:document, which allows every call docx:document:create allows.'
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

  it('says to require the scope a retired one became, and to check the spelling of an unknown one; a scope held through a broader one is not missing', () => {
    const catalogue = small('GET /open-apis/a/v1/x a_x_get tenant a:wide,a:x')
    const check = checkScopes(['a:x', 'a:wid', 'approval:task:read'], [granted('a:wide')], { catalogue: () => catalogue })
    expect(missingScopesMessage(check, rules(), 'LINK').split('\n')).toEqual([
      `2 of 3 required scopes are missing for app ${APP_ID}:`,
      `- a:wid: not a scope Feishu's API catalogue knows, nor one configured on the app: check its spelling (the nearest name the catalogue knows: a:wide); a scope that only events use (receiving messages, say) is not in the catalogue: add it on ${page}, then ${publish}.`,
      "- approval:task:read: a name the developer console has retired: it merged it into another scope: require approval:task instead in 'required-scopes'.",
      'Grant it in one click: LINK'
    ])
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

describe('missingFix of an unknown scope', () => {
  const events = `a scope that only events use (receiving messages, say) is not in the catalogue: add it on ${page}, then ${publish}`

  it.each([
    ['no nearest names', 'check its spelling', undefined],
    ['an empty list of them', 'check its spelling', []],
    ['one nearest name', 'check its spelling (the nearest name the catalogue knows: im:message)', ['im:message']],
    ['several', 'check its spelling (the nearest names the catalogue knows: im:chat, im:message)', ['im:chat', 'im:message']]
  ])('with %s: %s, then where to add a scope only events use', (_, spelling, nearest) => {
    expect(missingFix({ status: 'unknown', ...(nearest && { nearest }) }, rules())).toBe(`${spelling}; ${events}`)
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

describe("the words of 'required-calls'", () => {
  const catalogue = small(
    'POST /open-apis/im/v1/messages im_message_create tenant,user im:message,im:message:send_as_bot',
    'GET /open-apis/im/v1/chats im_chat_list tenant im:chat,im:chat:readonly',
    'GET /open-apis/demo/v1/free demo_free_get tenant -',
    'GET /open-apis/demo/v1/a demo_a_get tenant demo:a',
    'GET /open-apis/demo/v1/b demo_b_get tenant demo:b',
    'GET /open-apis/demo/v1/c demo_c_get tenant demo:wide,demo:c',
    'GET /open-apis/demo/v1/d demo_d_get tenant demo:wide',
    ...Array.from({ length: 101 }, (_, i) => `GET /open-apis/many/v1/n${i} many_n${i}_get tenant many:n${i}`)
  )
  const checkOf = (lines: string, listed: ListedScope[]) =>
    checkScopes([], listed, { calls: parseRequiredCalls(lines, catalogue).calls, catalogue: () => catalogue })
  const fourMissing = () =>
    checkOf('POST /open-apis/im/v1/messages # notify\nim.v1.chat.list\nGET /open-apis/demo/v1/a\nGET /open-apis/demo/v1/b', [
      awaiting('im:message'),
      { name: 'im:chat', grantStatus: 1, identity: 'user' },
      { name: 'demo:a', grantStatus: 1, identity: 'robot' }
    ])

  it('names each call the app can make, as written and as the call it is, with the scope that allows it', () => {
    const all = checkOf('POST /open-apis/im/v1/messages # notify\nim.v1.chat.list\nGET /open-apis/demo/v1/free', [
      granted('im:message'),
      granted('im:chat:readonly')
    ])
    expect(allCallsMessage(all)).toBe(
      'The app can make all 3 required calls: "notify" (POST /open-apis/im/v1/messages) with im:message; im.v1.chat.list, that is GET /open-apis/im/v1/chats with im:chat:readonly; GET /open-apis/demo/v1/free with no scope (it needs none).'
    )
    expect(allCallsMessage(checkOf('im.v1.chat.list', [granted('im:chat')]))).toBe(
      'The app can make the required call: im.v1.chat.list, that is GET /open-apis/im/v1/chats with im:chat.'
    )
  })

  it.each([
    [['im:message'], "its scope im:message awaits the tenant admin's approval"],
    [
      ['im:message', 'im:message:send_as_bot'],
      "its scope im:message (or im:message:send_as_bot, which allows it too) awaits the tenant admin's approval"
    ],
    [['a:x', 'a:y', 'a:z'], "its scope a:x (or a:y, or a:z, which allow it too) awaits the tenant admin's approval"]
  ])('says a call waits for the approval of one scope, naming the others that allow it too: %j', (scopes, reason) => {
    const check = checkOf('POST /open-apis/im/v1/messages', scopes.map(awaiting)).calls[0]!
    expect(callReason({ ...check, status: 'awaiting-approval', awaiting: scopes })).toBe(reason)
  })

  it('gives each call that cannot be made its reason and fix, where its scopes come from, and the link', () => {
    expect(missingCallsMessage(fourMissing(), rules(), 'LINK').split('\n')).toEqual([
      `4 of 4 required calls cannot be made by app ${APP_ID}:`,
      `- "notify" (POST /open-apis/im/v1/messages): its scope im:message awaits the tenant admin's approval: ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them.`,
      `- im.v1.chat.list, that is GET /open-apis/im/v1/chats: of the scopes that allow it (im:chat, im:chat:readonly), the app has some for users only (the user identity), which a tenant token does not carry: grant im:chat: enable it for the app identity on ${page}, then ${publish}.`,
      `- GET /open-apis/demo/v1/a: of the scopes that allow it (demo:a), the app has some only under a scope_type this action does not know: grant demo:a: check it on ${page}: enable it for the app identity, then ${publish}.`,
      `- GET /open-apis/demo/v1/b: the app holds none of the scopes that allow it (demo:b): grant demo:b, the narrowest: add it on ${page}, then ${publish}.`,
      "The scopes that allow each call are those of Feishu's API catalogue of 2026-01-02. Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'.",
      'Grant them in one click: LINK'
    ])
  })

  it('lists only the calls that cannot be made, each with every scope of it that awaits approval', () => {
    const check = checkOf('POST /open-apis/im/v1/messages # notify\nGET /open-apis/demo/v1/a', [
      awaiting('im:message'),
      awaiting('im:message:send_as_bot'),
      granted('demo:a')
    ])
    expect(missingCallsMessage(check, rules(), 'LINK').split('\n')).toEqual([
      `1 of 2 required calls cannot be made by app ${APP_ID}:`,
      `- "notify" (POST /open-apis/im/v1/messages): its scope im:message (or im:message:send_as_bot, which allows it too) awaits the tenant admin's approval: ask the tenant admin to approve it, or set 'request-approval: true' to have the action ask them.`,
      "The scopes that allow each call are those of Feishu's API catalogue of 2026-01-02. Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'.",
      'Grant them in one click: LINK'
    ])
  })

  it("audits against the required calls too, and names the narrower scope a broader one's required calls are allowed by", () => {
    const check = checkOf('GET /open-apis/demo/v1/c', [granted('demo:wide'), granted('demo:c')])
    expect(unexpectedScopesMessage(check, rules()).split('\n')).toEqual([
      `1 scope is configured on app ${APP_ID} but not in 'required-scopes' or needed by 'required-calls' (least privilege: a tenant token carries every scope the app holds):`,
      '- demo:wide: granted; the required calls it allows are allowed by the narrower demo:c',
      `Remove it on ${page} and ${publish}, or add it to 'required-scopes' if the workflow needs it.`
    ])
  })

  it('on Feishu, says only where the scopes come from, and no link when another message closes with it', () => {
    const lines = missingCallsMessage(fourMissing(), rules({ endpoint: endpointFor('feishu') })).split('\n')
    expect(lines).toHaveLength(6)
    expect(lines.at(-1)).toBe("The scopes that allow each call are those of Feishu's API catalogue of 2026-01-02.")
    expect(catalogueNote({}, rules({ endpoint: endpointFor('feishu') }))).toBe(
      "The scopes that allow each call are those of Feishu's API catalogue of its snapshot."
    )
  })

  it('speaks of one call, and lists the first 100 of more', () => {
    expect(missingCallsMessage(checkOf('GET /open-apis/demo/v1/b', []), rules()).split('\n')[0]).toBe(
      `The required call cannot be made by app ${APP_ID}:`
    )
    const lines = missingCallsMessage(
      checkOf(Array.from({ length: 101 }, (_, i) => `GET /open-apis/many/v1/n${i}`).join('\n'), []),
      rules(),
      'LINK'
    ).split('\n')
    expect(lines[0]).toBe(`101 of 101 required calls cannot be made by app ${APP_ID}:`)
    expect(lines).toHaveLength(1 + 100 + 3)
    expect(lines.slice(-3, -1)).toEqual([
      "- and 1 more: the 'missing-calls' output lists them",
      "The scopes that allow each call are those of Feishu's API catalogue of 2026-01-02. Lark names the same scopes for nearly every call; if Lark's documentation names another for a call, take the call out of 'required-calls' and list that scope in 'required-scopes'."
    ])
    expect(lines.at(-1)).toBe('Grant the first 100 in one click: LINK')
  })
})
