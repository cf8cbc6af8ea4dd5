// A call named as the SDKs name it. The operationId is project, resource and method joined by `_`
// (im_chat_members_create); the SDKs write the same words as a path, with or without the version, in their own
// case: node client.im.v1.chatMembers.create (also client.im.chatMembers.create), Python client.im.v1.chat_members
// .create, Go client.Im.V1.ChatMembers.Create. So a name is matched without case, `.` and `_`. Checked on the data
// with @larksuiteoapi/node-sdk 1.74.0: of its 2,836 method names (with and without the version, *WithIterator left
// out), 2,738 are of a call the catalogue has, and 2,728 of those resolve here to that very call. The other 10 are
// its *ByCard helpers (im.message.createByCard) and auth.{app,tenant}AccessToken.create, whose operationIds have no
// `create`. Two rules beyond the words: the `_v2` of a newer version, and the token calls' repeated project (below).
import type { Call, Catalogue } from './catalogue.js'
import { nearest } from './distance.js'
import { perCatalogue } from './lazy.js'

/** The words of a name without case, `.` or `_`: chatMembers, chat_members and chat.members are one key. */
const keyOf = (name: string) => name.toLowerCase().replace(/[._]/g, '')

/** The version segment of a call's path, after /open-apis/ and the project: /open-apis/im/v1/messages is `v1`. */
export function versionOf(call: Call): string {
  const start = call.path.indexOf('/', '/open-apis/'.length) + 1
  const end = call.path.indexOf('/', start)
  return end === -1 ? call.path.slice(start) : call.path.slice(start, end)
}

const byOperationId = perCatalogue(catalogue => {
  const map = new Map<string, Call>()
  for (const call of catalogue.tenantCalls) map.set(call.operationId, call)
  for (const call of catalogue.otherCalls) map.set(call.operationId, call)
  return map
})

interface KeyIndex {
  readonly byKey: ReadonlyMap<string, Call[]>
  /**
   * A call that exists in two versions gets `_v2` on the newer one's operationId (task_task_create_v2, POST
   * /open-apis/task/v2/tasks), which the SDKs do not write (task.v2.task.create): keyed here without it too.
   * Only when the suffix is the path's version: corehr_offboarding_submit_v2 is the v2 method submit_v2.
   */
  readonly byKeyWithoutVersion: ReadonlyMap<string, Call[]>
  /** Every call with its key, without the version suffix: what a typo is measured against. */
  readonly keyed: ReadonlyArray<{ readonly call: Call; readonly key: string }>
}

const add = (map: Map<string, Call[]>, key: string, call: Call) => {
  const calls = map.get(key)
  if (calls) calls.push(call)
  else map.set(key, [call])
}

// Plain loops: built once, cold (see decodeCatalogue).
const keyIndex = perCatalogue((catalogue): KeyIndex => {
  const byKey = new Map<string, Call[]>()
  const byKeyWithoutVersion = new Map<string, Call[]>()
  const keyed: { call: Call; key: string }[] = []
  for (const calls of [catalogue.tenantCalls, catalogue.otherCalls]) {
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!
      const key = keyOf(call.operationId)
      add(byKey, key, call)
      const version = versionOf(call)
      // The key has no '_': the suffix _v2 is its last two characters.
      const suffixed = call.operationId.endsWith(version) && call.operationId[call.operationId.length - version.length - 1] === '_'
      const unsuffixed = suffixed ? key.slice(0, -version.length) : key
      if (suffixed) add(byKeyWithoutVersion, unsuffixed, call)
      keyed.push({ call, key: unsuffixed })
    }
  }
  return { byKey, byKeyWithoutVersion, keyed }
})

/** The SDKs' prefix `client.` and the version go; the rest is the key. */
function parseName(name: string): { project: string; version?: string; key: string } {
  const parts = name.replace(/^client\./i, '').split('.')
  const version = parts.length > 2 && /^v\d+$/i.test(parts[1]!) ? parts.splice(1, 1)[0]!.toLowerCase() : undefined
  // A name of one part has no project: the fallback that adds it (callsNamed) then looks up the key twice over, which
  // names nothing.
  return { project: keyOf(parts[0]!), version, key: keyOf(parts.join('')) }
}

/** A name: letters, digits, `_` and `.`, the dots not doubled nor at an end. */
export const isCallName = (text: string) => /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/.test(text)

/**
 * Takes a name (an operationId such as im_message_create, or an SDK's dotted name such as im.v1.message.create,
 * im.message.create, client.im.v1.chatMembers.create), gives the calls it names: one; several when, without case,
 * `.` and `_`, it fits several operationIds; or none. A version given picks among the calls of two versions; none
 * given names the one whose operationId has no `_v2`, as the operationId itself would.
 */
export function callsNamed(catalogue: Catalogue, name: string): Call[] {
  const exact = byOperationId(catalogue).get(name)
  if (exact) return [exact]
  const index = keyIndex(catalogue)
  const { project, version, key } = parseName(name)
  const inVersion = (calls: Call[] | undefined) => (calls ?? []).filter(call => version === undefined || versionOf(call) === version)
  const found = inVersion(index.byKey.get(key))
  if (found.length > 0) return found
  const unsuffixed = inVersion(index.byKeyWithoutVersion.get(key))
  if (unsuffixed.length > 0) return unsuffixed
  // The token calls' operationIds repeat the project (auth_auth_tenant_access_token_internal); the SDKs do not
  // (auth.v3.tenantAccessToken.internal).
  return inVersion(index.byKey.get(project + key))
}

/**
 * Takes a name that names no call, gives up to 3 calls whose names are near it (edit distance on the key, at most a
 * quarter of its length, at least 2), nearest first: the same name in another version comes first.
 */
export function callsNamedNear(catalogue: Catalogue, name: string): Call[] {
  const { key } = parseName(name)
  const limit = Math.max(2, Math.floor(key.length / 4))
  return nearest(key, keyIndex(catalogue).keyed, entry => entry.key, limit).map(entry => entry.call)
}
