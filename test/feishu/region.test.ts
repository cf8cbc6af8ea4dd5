import { appConsoleUrl, describeEndpoint, endpointFor, grantLink, otherRegion } from '../../src/feishu/region.js'

describe('region', () => {
  it.each([
    ['feishu', undefined, { baseUrl: 'https://open.feishu.cn', region: 'feishu' }],
    ['lark', undefined, { baseUrl: 'https://open.larksuite.com', region: 'lark' }],
    ['feishu', 'https://open.larksuite.com', { baseUrl: 'https://open.larksuite.com', region: 'lark' }],
    ['lark', 'https://feishu.example.com', { baseUrl: 'https://feishu.example.com' }]
  ] as const)('region %s with base-url %s is %j', (region, baseUrl, expected) => {
    expect(endpointFor(region, baseUrl)).toEqual(expected)
  })

  it('names the other region: its name for `region:`, its label and its host', () => {
    expect(otherRegion('feishu')).toEqual({ name: 'lark', label: 'Lark', baseUrl: 'https://open.larksuite.com' })
    expect(otherRegion('lark')).toEqual({ name: 'feishu', label: 'Feishu', baseUrl: 'https://open.feishu.cn' })
  })

  it('describes an endpoint by region when it has one', () => {
    expect(describeEndpoint(endpointFor('lark'))).toBe('Lark (https://open.larksuite.com)')
    expect(describeEndpoint({ baseUrl: 'https://feishu.example.com' })).toBe('https://feishu.example.com')
  })

  it('builds the one-click grant link on the console host of the region or base URL', () => {
    expect(grantLink(endpointFor('feishu'), 'cli_9b445f5258795107', ['bitable:app', 'im:message'])).toBe(
      'https://open.feishu.cn/app/cli_9b445f5258795107/auth?q=bitable:app,im:message&op_from=openapi&token_type=tenant'
    )
    expect(grantLink(endpointFor('lark'), 'cli_9b445f5258795107', ['docx:document'])).toBe(
      'https://open.larksuite.com/app/cli_9b445f5258795107/auth?q=docx:document&op_from=openapi&token_type=tenant'
    )
    expect(grantLink({ baseUrl: 'https://feishu.example.com' }, 'cli_x', ['a:b'])).toMatch(
      /^https:\/\/feishu\.example\.com\/app\/cli_x\/auth\?/
    )
  })

  it('encodes an odd App ID in console links', () => {
    expect(appConsoleUrl(endpointFor('feishu'), 'cli x/../y')).toBe('https://open.feishu.cn/app/cli%20x%2F..%2Fy')
  })
})
