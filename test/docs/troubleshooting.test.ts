// The documentation says what the action says: the troubleshooting table has a row for each code, each state of an app
// and each reason a required scope is missing, in the words the action prints; the pages' sample messages are the
// action's own.
import { DOC_FILES, readDoc, samples } from '../support/docs.js'
import { gateVerdict } from '../../src/checks/gate.js'
import { loadCatalogue } from '../../src/catalogue/load.js'
import { checkScopes } from '../../src/checks/scopes.js'
import { parseRequiredCalls } from '../../src/inputs/calls.js'
import { type Context, type Failure, RequestError } from '../../src/feishu/failure.js'
import { endpointFor } from '../../src/feishu/region.js'
import { ACTIVATION } from '../../src/words/bot.js'
import { CODES } from '../../src/words/codes.js'
import { describeFailure as wordsOf } from '../../src/words/failures.js'
import { MISSING_REASONS, gateWords, unexpectedScopesMessage } from '../../src/words/gate.js'
import { say } from '../../src/words/phrases.js'

const feishu: Context = { appId: 'cli_9b445f5258795107', endpoint: endpointFor('feishu') }
const code = (c: number, msg = '', status = 200): Failure => ({ kind: 'feishu', code: c, msg, status })

describe('the troubleshooting table (docs/troubleshooting.md)', () => {
  const rows = readDoc('docs/troubleshooting.md')
    .split('\n')
    .filter(line => line.startsWith('| '))
  const c = { ...feishu, call: 'scopes' as const }

  it.each(CODES.map(row => [row.code, row]))('has a row for %i with its meaning exactly as the action prints it', (code, row) => {
    const meaning = say(row.meaning, c)
    expect(rows.filter(line => line.includes(`\`${code}\``) && line.includes(meaning))).toHaveLength(1)
  })

  it.each(ACTIVATION.filter(row => row.status !== 2).map(row => [row.status, row]))(
    'has a row for activate_status %i with its meaning exactly as printed',
    (status, row) => {
      expect(rows.filter(line => line.includes(`activate_status ${status}`) && line.includes(row.meaning))).toHaveLength(1)
    }
  )

  it.each(Object.entries(MISSING_REASONS))('has a row for a required scope that is %s, in the words of the error', (_status, words) => {
    expect(rows.filter(line => line.includes(words))).toHaveLength(1)
  })
})

describe("the documentation's sample messages are the action's words", () => {
  /** The fenced blocks without a language, in every page: samples of what the step prints. */
  const all = DOC_FILES.filter(path => !path.includes('zh-CN')).flatMap(path => samples(readDoc(path)))
  const appId = 'cli_9b445f5258795107'
  const c: Context = { appId, endpoint: endpointFor('feishu') }

  it('a wrong secret', () => {
    const words = wordsOf(new RequestError(code(10014, 'app secret invalid'), 'token', '2026112514201501F3E9EB64DC7E1234'), c)
    expect(all).toContain(words)
  })

  it('missing and unexpected scopes', () => {
    const check = checkScopes(
      ['im:message', 'im:message:send_as_bot'],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'im:message:send_as_bot', grantStatus: 1 },
        { name: 'drive:drive', grantStatus: 1 }
      ]
    )
    const rules = {
      appId,
      endpoint: c.endpoint,
      onMissingScopes: 'fail' as const,
      onUnexpectedScopes: 'fail' as const,
      requestApproval: false
    }
    expect(all).toContain(unexpectedScopesMessage(check, rules))
    const missing = checkScopes(
      ['im:message', 'bitable:app', 'docx:document'],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'bitable:app', grantStatus: 2 },
        { name: 'docx:document', grantStatus: 1 }
      ]
    )
    const { failure } = gateWords(gateVerdict(missing, rules), missing, rules)
    expect(all).toContain(failure!.split('\n\n')[0])
  })

  it('a call the token cannot make', () => {
    const { calls, problems } = parseRequiredCalls(
      [
        'POST /open-apis/im/v1/messages?receive_id_type=chat_id   # notify the release chat',
        'POST /open-apis/im/v1/images                             # upload the chart',
        'im.v1.chatMembers.create                                 # invite the on-call engineer'
      ].join('\n'),
      loadCatalogue()
    )
    expect(problems).toEqual([])
    const rules = {
      appId,
      endpoint: c.endpoint,
      onMissingScopes: 'fail' as const,
      onUnexpectedScopes: 'ignore' as const,
      requestApproval: false
    }
    const check = checkScopes(
      [],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'im:chat', grantStatus: 1 }
      ],
      { calls, catalogue: loadCatalogue }
    )
    const { failure } = gateWords(gateVerdict(check, rules), check, rules)
    expect(all).toContain(failure)
  })
})
