// Runs the built bundle the way the runner does: inputs (with action.yml's defaults) as INPUT_* variables,
// GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STEP_SUMMARY / GITHUB_STATE / GITHUB_PATH files, workflow commands on stdout.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { NODE24 } from './runtimes.js'

export const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** The bundle the runner runs; ACTION_BUNDLE runs the same tests against another build (an older one, say). */
export const BUNDLE = process.env.ACTION_BUNDLE ?? join(ROOT, 'dist', 'index.cjs')

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export function readActionYml(): ActionYml {
  return parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml
}

export interface RunOptions {
  inputs: Record<string, string>
  /** Extra environment (proxies, RUNNER_DEBUG...). */
  env?: Record<string, string>
  /** The Node binary; Node 24 (what action.yml declares) by default. */
  node?: string
  /** The bundle to run; BUNDLE by default. */
  bundle?: string
  /** Kill the run after this long (a hang is a test failure, not a stuck suite). */
  killAfterMs?: number
}

export interface RunResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  durationMs: number
  stdout: string
  /** stdout's lines as the runner reads them (see outputLines). */
  lines: string[]
  stderr: string
  outputs: Record<string, string>
  env: Record<string, string>
  summary: string
  /** Raw text of every file the action can write, for leak scans. */
  files: Record<'output' | 'env' | 'summary' | 'state' | 'path', string>
  /** `::command::` lines from stdout, as [command, message]. */
  commands: Array<[string, string]>
  errors: string[]
  warnings: string[]
}

/**
 * Reads GITHUB_OUTPUT and GITHUB_ENV as the runner does: `name=value` lines, and `name<<DELIMITER` blocks whose value
 * runs to the line that is exactly the delimiter. A line ends at LF and, on a Windows runner, at CRLF too (the
 * toolkit writes os.EOL): elsewhere a CR before the LF belongs to the line.
 */
export function parseKeyValueFile(text: string, windows = process.platform === 'win32'): Record<string, string> {
  const result: Record<string, string> = {}
  let at = 0
  /** The next line and where it ends (before its line break), or undefined at the end of the text. */
  const next = (): { line: string; end: number } | undefined => {
    if (at >= text.length) return undefined
    const start = at
    const lf = text.indexOf('\n', at)
    const end = lf === -1 ? text.length : windows && text[lf - 1] === '\r' ? lf - 1 : lf
    at = lf === -1 ? text.length : lf + 1
    return { line: text.slice(start, end), end }
  }
  for (let entry = next(); entry; entry = next()) {
    const { line } = entry
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (equals !== -1 && (heredoc === -1 || equals < heredoc)) {
      result[line.slice(0, equals)] = line.slice(equals + 1)
    } else if (heredoc !== -1) {
      const delimiter = line.slice(heredoc + 2)
      const from = at
      let to = at
      let value = next()
      while (value && value.line !== delimiter) {
        to = value.end
        value = next()
      }
      if (!value) throw new Error(`${line.slice(0, heredoc)}: no line '${delimiter}' ends its value`)
      result[line.slice(0, heredoc)] = to > from ? text.slice(from, to) : ''
    } else if (line !== '') {
      throw new Error(`Not a file command line: ${JSON.stringify(line)}`)
    }
  }
  return result
}

/** Lines as the runner reads a step's output (.NET's ReadLine): each ends at CR, LF or CRLF. */
export function outputLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** Undoes the %25 %0D %0A escaping of workflow command messages. */
function unescapeCommand(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
}

/**
 * What a process needs from its OS, passed through when set (the runner passes its whole environment; the harness
 * only these, so that nothing of the test process's own, such as a proxy, reaches the action). On Windows, without
 * SystemRoot a child cannot load Winsock, so no socket opens; TEMP/TMP and USERPROFILE are os.tmpdir() and
 * os.homedir(); PATHEXT and ComSpec are how it finds and runs programs. TMPDIR is macOS's temporary folder.
 */
const OS_ENV = ['SystemRoot', 'SystemDrive', 'windir', 'ComSpec', 'PATHEXT', 'TEMP', 'TMP', 'USERPROFILE', 'TMPDIR']

function osEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of OS_ENV) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}

/** The environment the runner gives a node action: INPUT_* (with action.yml's defaults) and the command files. */
export function runnerEnv(given: Record<string, string>, dir: string) {
  const files = {
    output: join(dir, 'output'),
    env: join(dir, 'env'),
    summary: join(dir, 'summary.md'),
    state: join(dir, 'state'),
    path: join(dir, 'path')
  }
  for (const file of Object.values(files)) writeFileSync(file, '')
  const spec = readActionYml().inputs
  for (const name of Object.keys(given)) {
    if (!(name in spec)) throw new Error(`${name} is not an input of action.yml`)
  }
  // The runner passes every input, with action.yml's default when the workflow gives none.
  const inputs: Record<string, string> = {}
  for (const [name, { default: fallback }] of Object.entries(spec)) {
    inputs[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = given[name] ?? fallback ?? ''
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...osEnv(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    ...inputs
  }
  return { env, files }
}

export async function runAction(options: RunOptions): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-action-'))
  const { env: base, files } = runnerEnv(options.inputs, dir)
  const env = { ...base, ...options.env }

  const started = Date.now()
  const child = spawn(options.node ?? NODE24, [options.bundle ?? BUNDLE], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000)
  // A runtime that cannot start (not installed) rejects at once instead of leaving the caller waiting.
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, sig) => resolve([code, sig]))
  }).finally(() => clearTimeout(killer))
  const durationMs = Date.now() - started

  const raw = {
    output: readFileSync(files.output, 'utf8'),
    env: readFileSync(files.env, 'utf8'),
    summary: readFileSync(files.summary, 'utf8'),
    state: readFileSync(files.state, 'utf8'),
    path: readFileSync(files.path, 'utf8')
  }
  // Windows may hold a file that was just closed a moment longer (an antivirus scan): retry rather than fail.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })

  const lines = outputLines(stdout)
  const commands: Array<[string, string]> = []
  for (const line of lines) {
    const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (match) commands.push([match[1]!, unescapeCommand(match[2]!)])
  }
  return {
    exitCode,
    signal,
    durationMs,
    stdout,
    lines,
    stderr,
    outputs: parseKeyValueFile(raw.output),
    env: parseKeyValueFile(raw.env),
    summary: raw.summary,
    files: raw,
    commands,
    errors: commands.filter(([c]) => c === 'error').map(([, m]) => m),
    warnings: commands.filter(([c]) => c === 'warning').map(([, m]) => m)
  }
}
