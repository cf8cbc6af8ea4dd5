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

/** Parses the `name<<DELIMITER` / `name=value` format of GITHUB_OUTPUT and GITHUB_ENV. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
      result[name!] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      result[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return result
}

/** Undoes the %25 %0D %0A escaping of workflow command messages. */
function unescapeCommand(text: string): string {
  return text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
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
  rmSync(dir, { recursive: true, force: true })

  const commands: Array<[string, string]> = []
  for (const line of stdout.split('\n')) {
    const match = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (match) commands.push([match[1]!, unescapeCommand(match[2]!)])
  }
  return {
    exitCode,
    signal,
    durationMs,
    stdout,
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
