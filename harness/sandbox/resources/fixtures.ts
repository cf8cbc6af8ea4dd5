// The sandbox's resource fixtures: TEST_APP's chats, Bases, documents... with their ids and (hostile) titles, and a
// way to give an app many more of them.
import type { ResourceApp, SandboxResources } from './model.js'

/**
 * The titles and names the sandbox's resources answer with: the tenant's data, and hostile on purpose (a workflow
 * command after a newline, Markdown, HTML, Chinese, a bidi override), each with a marker (`SANDBOX-TITLE`) a test
 * can look for, to prove the action never shows them.
 */
export const RESOURCE_TITLES = {
  base: '发布台账 SANDBOX-TITLE-base\n::error::from a Base name **bold** [link](https://evil.example/b) \u202eesab',
  docx: '上线检查单 SANDBOX-TITLE-docx\n::error::from a docx title <script>alert(1)</script> _em_ \u202excod',
  sheets: '值班表 SANDBOX-TITLE-sheets\n::error::from a sheet title | a | table | \u202eteehs',
  wikiNode: '运维手册 SANDBOX-TITLE-wikiNode\n::error::from a wiki page title ![i](https://evil.example/i.png) \u202eikiw',
  wikiSpace: '工程知识库 SANDBOX-TITLE-wikiSpace\n::error::from a wiki space name `code` \u202eecaps',
  folder: '发布产物 SANDBOX-TITLE-folder\n::error::from a folder name # heading \u202eredlof',
  calendar: '发布日历 SANDBOX-TITLE-calendar\n::error::from a calendar summary @everyone \u202eradnelac'
} as const

/** Where the sandbox's links point: a made-up tenant under feishu.cn, as a browser's address bar shows them. */
export const SANDBOX_TENANT_URL = 'https://sandbox.feishu.cn'

/** The ids of TEST_APP's resources, by what they are. */
export const TEST_RESOURCE_IDS = {
  /** The release chat: the bot is in it. */
  releaseChat: 'oc_96ce72da5955ef8c921b2e15f9ab6b8f',
  /** A chat the bot is not in. */
  otherChat: 'oc_9d39de47e13d269cd2cbe977e475c877',
  /** A Base shared with the app for reading. */
  sharedBase: 'koaiEIDOCn9Fh3Ysg8ECl98dxKF',
  /** A Base with advanced permissions, the app in none of its roles. */
  advancedBase: 'Wl9dgHY3pLqde7tdLGMLwkeBf0i',
  /** A docx document shared with the app for editing. */
  editableDocx: 'AnjPtuBOM5sVoeInkALWWbosIk3',
  /** A spreadsheet shared with the app for reading. */
  sheet: '3etttaoAaDimz9ZkxcwE2tGXgfr',
  /** A wiki page (a docx) in the space below, shared with the app for reading. */
  wikiNode: '9G29PqG6bmk0Dhcb0w8vhjREoo9',
  /** A wiki space the app is a member of. */
  wikiSpace: '7257147468238886802',
  /** A Drive folder shared with the app. */
  folder: 'jEYaeBrEvyDdBhFzzeIJnJarjQT',
  /** A calendar shared with the app as a reader. */
  calendar: 'feishu.cn_Kq3mT9vXbL2pWz8R4yNcAe@group.calendar.feishu.cn',
  /** What the app was never given, one of each kind: every failure the README shows, to try locally. */
  unsharedDocx: 'Qm4RvT8wXz2bNc6dFg9hJk3LpS7',
  unsharedSheet: 'Vb5NcX1zAq8WsE3dRf6TgY9hUj2',
  /** A wiki page of a space the app is not a member of, not shared with it. */
  unsharedWikiNode: 'Hk2Lm9Np4Qr7St1Uv6Wx3Yz8Ab5',
  /** That space. */
  otherWikiSpace: '7364829105738291056',
  unsharedFolder: 'Cd7Ef2Gh9Ij4Kl1Mn6Op3Qr8St5',
  /** A calendar on which the app has no role. */
  unsharedCalendar: 'feishu.cn_Zy8Xw4Vu1Ts6Rq3Po9Nm2Lk@group.calendar.feishu.cn',
  /** A wiki page that holds a Base, shared with the app (the Base is checked as what it is). */
  baseInWiki: 'Jw6Kx1Ly8Mz3Na5Ob9Pc2Qd7Re4',
  /** The Base that page holds: its app_token, which the browser does not show. */
  baseInWikiToken: 'Uf3Vg8Wh1Xi6Yj9Zk2Al5Bm7Cn4',
  /** A wiki page that holds a Base with advanced permissions, the app in none of its roles. */
  advancedBaseInWiki: 'Do9Ep4Fq2Gr7Hs1It5Ju8Kv3Lw6',
  /** A legacy document (/docs/), an uploaded file, a mind note, a presentation and a Minutes recording, shared for reading. */
  legacyDoc: 'doccnSandboxLegacyDocument1',
  file: 'boxcnSandboxUploadedFile123',
  mindnote: 'bmncnSandboxMindNote1234567',
  slides: 'Mx5Ny2Oz9Pa4Qb7Rc1Sd6Te3Uf8',
  minutes: 'obcnSandboxMinutesRecording'
} as const

export const TEST_RESOURCES: SandboxResources = {
  chats: { [TEST_RESOURCE_IDS.releaseChat]: { botInChat: true }, [TEST_RESOURCE_IDS.otherChat]: { botInChat: false } },
  bases: { [TEST_RESOURCE_IDS.sharedBase]: { access: 'read' }, [TEST_RESOURCE_IDS.advancedBase]: { access: 'edit', advanced: true } },
  docx: { [TEST_RESOURCE_IDS.editableDocx]: { access: 'edit' }, [TEST_RESOURCE_IDS.unsharedDocx]: { access: 'none' } },
  sheets: { [TEST_RESOURCE_IDS.sheet]: { access: 'read' }, [TEST_RESOURCE_IDS.unsharedSheet]: { access: 'none' } },
  wikiNodes: {
    [TEST_RESOURCE_IDS.wikiNode]: { spaceId: TEST_RESOURCE_IDS.wikiSpace, access: 'read', objType: 'docx' },
    [TEST_RESOURCE_IDS.unsharedWikiNode]: { spaceId: TEST_RESOURCE_IDS.otherWikiSpace, access: 'none', objType: 'docx' },
    [TEST_RESOURCE_IDS.baseInWiki]: {
      spaceId: TEST_RESOURCE_IDS.wikiSpace,
      access: 'read',
      objType: 'bitable',
      objToken: TEST_RESOURCE_IDS.baseInWikiToken
    },
    [TEST_RESOURCE_IDS.advancedBaseInWiki]: { spaceId: TEST_RESOURCE_IDS.wikiSpace, access: 'edit', objType: 'bitable', advanced: true }
  },
  wikiSpaces: { [TEST_RESOURCE_IDS.wikiSpace]: { member: true }, [TEST_RESOURCE_IDS.otherWikiSpace]: { member: false } },
  folders: { [TEST_RESOURCE_IDS.folder]: { access: 'read' }, [TEST_RESOURCE_IDS.unsharedFolder]: { access: 'none' } },
  calendars: { [TEST_RESOURCE_IDS.calendar]: { role: 'reader' }, [TEST_RESOURCE_IDS.unsharedCalendar]: { role: 'none' } },
  driveObjects: {
    [TEST_RESOURCE_IDS.legacyDoc]: { type: 'doc', access: 'read' },
    [TEST_RESOURCE_IDS.file]: { type: 'file', access: 'read' },
    [TEST_RESOURCE_IDS.mindnote]: { type: 'mindnote', access: 'read' },
    [TEST_RESOURCE_IDS.slides]: { type: 'slides', access: 'read' },
    [TEST_RESOURCE_IDS.minutes]: { type: 'minutes', access: 'read' }
  }
}

/**
 * `app` reaching `more` more chats, Bases and calendars (the kinds whose per-second limits let many checks go at
 * once): its bot in each chat, `access` to each Base and `role` on each calendar. Gives the app and each kind's
 * ids, TEST_RESOURCE_IDS' reachable one first.
 */
export function reachingMore<App extends ResourceApp>(
  app: App,
  more: number,
  { access, role }: { access: 'read' | 'edit'; role: 'reader' | 'writer' }
): { app: App; chats: string[]; bases: string[]; calendars: string[] } {
  const ids = (prefix: string, length: number, suffix = '') =>
    Array.from({ length: more }, (_, n) => `${prefix}${String(n + 1).padStart(length, '0')}${suffix}`)
  const chats = ids('oc_', 32)
  const bases = ids('Base', 23)
  const calendars = ids('feishu.cn_', 22, '@group.calendar.feishu.cn')
  const resources = app.resources ?? {}
  return {
    app: {
      ...app,
      resources: {
        ...resources,
        chats: { ...resources.chats, ...Object.fromEntries(chats.map(id => [id, { botInChat: true }])) },
        bases: { ...resources.bases, ...Object.fromEntries(bases.map(id => [id, { access }])) },
        calendars: { ...resources.calendars, ...Object.fromEntries(calendars.map(id => [id, { role }])) }
      }
    },
    chats: [TEST_RESOURCE_IDS.releaseChat, ...chats],
    bases: [TEST_RESOURCE_IDS.sharedBase, ...bases],
    calendars: [TEST_RESOURCE_IDS.calendar, ...calendars]
  }
}
