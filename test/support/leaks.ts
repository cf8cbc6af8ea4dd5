import type { RunResult } from '../../harness/run-action.js'

// "Not even in part": a secret counts as leaked when any 8 characters of it in a row show up.
export const LEAK_WINDOW = 8

/** The first piece of `secret` (LEAK_WINDOW characters or the whole of a shorter one) found in `text`. */
export function leakedPart(text: string, secret: string): string | undefined {
  if (secret === '') return undefined
  if (secret.length <= LEAK_WINDOW) return text.includes(secret) ? secret : undefined
  for (let i = 0; i + LEAK_WINDOW <= secret.length; i++) {
    const part = secret.slice(i, i + LEAK_WINDOW)
    if (text.includes(part)) return part
  }
  return undefined
}

/** "place holds part of secret #n" for every leak, [] when none. */
export function leaks(places: Record<string, string>, secrets: readonly string[]): string[] {
  const found: string[] = []
  secrets.forEach((secret, n) => {
    for (const [place, text] of Object.entries(places)) {
      if (leakedPart(text, secret) !== undefined) found.push(`${place} holds part of secret #${n} (${secret.slice(0, 4)}...)`)
    }
  })
  return found
}

/**
 * Every place a secret shows up, even in part, where it must not: anywhere the action writes, except the
 * `::add-mask::` lines, the `token` output, and the token's env export when asked for.
 */
export function findLeaks(result: RunResult, secrets: readonly string[]): string[] {
  const outputs = { ...result.outputs }
  delete outputs.token
  const env = { ...result.env }
  delete env.FEISHU_TENANT_ACCESS_TOKEN
  delete env.LARKSUITE_CLI_TENANT_ACCESS_TOKEN
  const places: Record<string, string> = {
    // Line by line as the runner reads it: a mask command is one line, and only that line may hold the value.
    stdout: result.lines.filter(line => !line.startsWith('::add-mask::')).join('\n'),
    stderr: result.stderr,
    summary: result.files.summary,
    state: result.files.state,
    path: result.files.path,
    'other outputs': JSON.stringify(outputs),
    'other env': JSON.stringify(env)
  }
  return leaks(places, secrets)
}
