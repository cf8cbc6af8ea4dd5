import { consoleLabel } from '../../src/words/console.js'
import { endpointFor } from '../../src/feishu/region.js'

describe('consoleLabel', () => {
  it('puts the Chinese label beside the English one for Feishu, whose console is in Chinese by default', () => {
    expect(consoleLabel('permissions', endpointFor('feishu'))).toBe('Permissions & Scopes (权限管理)')
    expect(consoleLabel('security', endpointFor('feishu'))).toBe('Security Settings → IP allowlist (安全设置 → IP 白名单)')
  })

  it('does the same for a custom base URL: private deployments are Feishu', () => {
    expect(consoleLabel('credentials', { baseUrl: 'https://feishu.example.com' })).toBe('Credentials & Basic Info (凭证与基础信息)')
  })

  it('gives Lark the English label only', () => {
    expect(consoleLabel('permissions', endpointFor('lark'))).toBe('Permissions & Scopes')
    expect(consoleLabel('chat-add-bot', endpointFor('lark'))).toBe('Settings → Bots → Add Bot')
  })
})

describe('the labels of the console', () => {
  it.each([
    ['custom-app', 'Custom App', '企业自建应用'],
    ['credentials', 'Credentials & Basic Info', '凭证与基础信息'],
    ['permissions', 'Permissions & Scopes', '权限管理'],
    ['versions', 'Version Management & Release', '版本管理与发布'],
    ['security', 'Security Settings → IP allowlist', '安全设置 → IP 白名单'],
    ['add-bot-capability', 'Add Features → Bot', '添加应用能力 → 机器人'],
    ['doc-add-apps', '"..." → More → Add apps', '添加文档应用'],
    ['chat-add-bot', 'Settings → Bots → Add Bot', '设置 → 群机器人 → 添加机器人'],
    ['base-advanced-permissions', 'Advanced permissions', '高级权限']
  ] as const)('%s is "%s" (%s)', (place, en, zh) => {
    expect(consoleLabel(place, endpointFor('lark'))).toBe(en)
    expect(consoleLabel(place, endpointFor('feishu'))).toBe(`${en} (${zh})`)
  })
})
