// The pages and buttons people are sent to, named as they see them. A Feishu (China) tenant's developer console is
// in Chinese by default, so wherever the region may be Feishu (region `feishu`, or a custom base URL: private
// deployments are Feishu's) the Chinese label stands beside the English one. The console renames pages now and
// then: this is the one table of their labels (docs/feishu.md, "The developer console").
import type { Endpoint } from '../feishu/region.js'

export type ConsolePlace =
  | 'custom-app'
  | 'credentials'
  | 'permissions'
  | 'versions'
  | 'security'
  | 'add-bot-capability'
  | 'doc-add-apps'
  | 'chat-add-bot'
  | 'base-advanced-permissions'

const LABELS: Readonly<Record<ConsolePlace, { readonly en: string; readonly zh: string }>> = {
  'custom-app': { en: 'Custom App', zh: '企业自建应用' },
  credentials: { en: 'Credentials & Basic Info', zh: '凭证与基础信息' },
  permissions: { en: 'Permissions & Scopes', zh: '权限管理' },
  versions: { en: 'Version Management & Release', zh: '版本管理与发布' },
  security: { en: 'Security Settings → IP allowlist', zh: '安全设置 → IP 白名单' },
  'add-bot-capability': { en: 'Add Features → Bot', zh: '添加应用能力 → 机器人' },
  'doc-add-apps': { en: '"..." → More → Add apps', zh: '添加文档应用' },
  'chat-add-bot': { en: 'Settings → Bots → Add Bot', zh: '设置 → 群机器人 → 添加机器人' },
  'base-advanced-permissions': { en: 'Advanced permissions', zh: '高级权限' }
}

/** "Permissions & Scopes (权限管理)" for Feishu and custom base URLs, "Permissions & Scopes" for Lark. */
export function consoleLabel(place: ConsolePlace, endpoint: Endpoint): string {
  const { en, zh } = LABELS[place]
  return endpoint.region === 'lark' ? en : `${en} (${zh})`
}
