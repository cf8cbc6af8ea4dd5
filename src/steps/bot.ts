// check-bot: the app's state in the tenant and its bot (bot/v3/info). The step fails unless the app is enabled.
import { withRetry } from '../feishu/retry.js'
import { plain, quote } from '../output/text.js'
import type { BotReport } from '../summary/report.js'
import { describeInactiveApp } from '../words/bot.js'
import type { Finding, Step } from './step.js'

/** Reads the app's state and its bot, and sets 'bot-open-id' and 'app-name'. Throws the RequestError of a failed request. */
export async function botCheck(
  { setOutput, log, redact, context, client, policy }: Step,
  token: string
): Promise<Finding & { bot: BotReport }> {
  const info = await withRetry(left => client.botInfo(token, left), policy)
  const appName = info.appName === undefined ? undefined : redact(info.appName)
  if (info.activateStatus !== 2 || info.openId === undefined) {
    const problem = redact(describeInactiveApp({ ...info, ...(appName && { appName }) }, context))
    return { outcome: 'failed', failure: problem, bot: { ...(appName && { appName }), problem } }
  }
  setOutput('bot-open-id', info.openId)
  // Free text from the console, whole, without the characters that hide: plain text for env:, like any action's.
  setOutput('app-name', appName === undefined ? '' : plain(appName))
  log.info(
    `The app is enabled in the tenant: ${appName === undefined ? 'its name is not given' : quote(appName, 80)}; its bot is ${info.openId}.`
  )
  return { outcome: 'passed', bot: { ...(appName && { appName }), openId: info.openId } }
}
