// How an app reaches a resource: the lookups the per-kind answers share (an id's entry, a document that sits in the
// wiki, a wiki page read through its space, what Drive knows of a token).
import { createHash } from 'node:crypto'
import { RESOURCE_TITLES } from './fixtures.js'
import type { SandboxAccess, SandboxResources, WikiNode, WikiObjectType } from './model.js'

/** The entry for `id`, never one of Object.prototype's names. */
export function entry<T>(map: Record<string, T> | undefined, id: string | null): T | undefined {
  return map && id !== null && Object.hasOwn(map, id) ? map[id] : undefined
}

/** An object that sits in the wiki, found by its type and object token: it has the wiki node's access. */
export function inWiki(resources: SandboxResources, objType: WikiObjectType, token: string | null) {
  for (const [nodeToken, node] of Object.entries(resources.wikiNodes ?? {})) {
    if (nodeObject(nodeToken, node).objType === objType && nodeObject(nodeToken, node).objToken === token) return node
  }
  return undefined
}

/** What a wiki node holds: its object's type and token (docx, and a token made from the node token, when left out). */
export function nodeObject(nodeToken: string, node: WikiNode) {
  const objToken = node.objToken ?? createHash('sha256').update(nodeToken).digest('hex').slice(0, 27)
  return { objType: node.objType ?? 'docx', objToken }
}

export const canRead = (access: SandboxAccess): boolean => access !== 'none'

/** Whether the app reads a wiki page: shared with it, or in a space it is a member of. */
export function readsNode(resources: SandboxResources, node: WikiNode): boolean {
  return canRead(node.access) || entry(resources.wikiSpaces, node.spaceId)?.member === true
}

/** What Drive knows of a token of a type: readable or not, deleted or not, its title. The sandbox holds no doc, file or mindnote. */
export function driveObject(
  resources: SandboxResources,
  type: string,
  token: string
): { readable: boolean; deleted: boolean; title: string } | undefined {
  const of = (found: { access: SandboxAccess; deleted?: boolean } | undefined, title: string) =>
    found && { readable: canRead(found.access), deleted: found.deleted === true, title }
  switch (type) {
    case 'folder':
      return of(entry(resources.folders, token), RESOURCE_TITLES.folder)
    case 'docx':
      return of(entry(resources.docx, token) ?? inWiki(resources, 'docx', token), RESOURCE_TITLES.docx)
    case 'sheet':
      return of(entry(resources.sheets, token) ?? inWiki(resources, 'sheet', token), RESOURCE_TITLES.sheets)
    case 'bitable': {
      const base = entry(resources.bases, token)
      if (base) return { readable: canRead(base.access) && !base.advanced, deleted: false, title: RESOURCE_TITLES.base }
      return of(inWiki(resources, 'bitable', token), RESOURCE_TITLES.base)
    }
    case 'wiki': {
      const node = entry(resources.wikiNodes, token)
      return node && { readable: readsNode(resources, node), deleted: false, title: RESOURCE_TITLES.wikiNode }
    }
    default:
      return undefined
  }
}
