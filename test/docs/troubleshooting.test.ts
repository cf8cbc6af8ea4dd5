// The README says what the action says: its troubleshooting table has a row for each code, each state of an app and
// each reason a required scope is missing, in the words the action prints; its sample messages are the action's own.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../harness/run-action.js'
import { gateVerdict } from '../../src/checks/gate.js'
import { checkScopes } from '../../src/checks/scopes.js'
import { type Context, type Failure, RequestError } from '../../src/feishu/failure.js'
import { endpointFor } from '../../src/feishu/region.js'
import { ACTIVATION } from '../../src/words/bot.js'
import { CODES } from '../../src/words/codes.js'
import { describeFailure as wordsOf } from '../../src/words/failures.js'
import { MISSING_REASONS, gateWords, unexpectedScopesMessage } from '../../src/words/gate.js'
import { say } from '../../src/words/phrases.js'

const feishu: Context = { appId: 'cli_9b445f5258795107', endpoint: endpointFor('feishu') }
const code = (c: number, msg = '', status = 200): Failure => ({ kind: 'feishu', code: c, msg, status })

describe("the README's troubleshooting table", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(
    readme.indexOf('\n## Troubleshooting\n'),
    readme.indexOf('\n## ', readme.indexOf('\n## Troubleshooting\n') + 5)
  )
  const rows = section.split('\n').filter(line => line.startsWith('| '))
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

describe("the README's sample messages are the action's words", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  /** The fenced blocks without a language: the README's samples of what the step prints. */
  const samples: string[] = []
  let open: string[] | undefined
  let fenced = false
  for (const line of readme.split('\n')) {
    const fence = line.trim().startsWith('```')
    if (fence && fenced) {
      if (open) samples.push(open.join('\n'))
      fenced = false
      open = undefined
    } else if (fence) {
      fenced = true
      open = line.trim() === '```' ? [] : undefined
    } else if (open) open.push(line)
  }
  const appId = 'cli_9b445f5258795107'
  const c: Context = { appId, endpoint: endpointFor('feishu') }

  it('a wrong secret', () => {
    const words = wordsOf(new RequestError(code(10014, 'app secret invalid'), 'token', '2026112514201501F3E9EB64DC7E1234'), c)
    expect(samples).toContain(words)
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
    expect(samples).toContain(unexpectedScopesMessage(check, rules))
    const missing = checkScopes(
      ['im:message', 'bitable:app', 'docx:document'],
      [
        { name: 'im:message', grantStatus: 1 },
        { name: 'bitable:app', grantStatus: 2 },
        { name: 'docx:document', grantStatus: 1 }
      ]
    )
    const { failure } = gateWords(gateVerdict(missing, rules), missing, rules)
    expect(samples).toContain(failure!.split('\n\n')[0])
  })
})
