// `npm run local-action [-- FILE]`: your own app (or the sandbox's), from this checkout, as the runner would run it.
// Builds the bundle from src/ into a temporary folder (dist/ is left as it is; ACTION_BUNDLE names a build to run
// instead), reads the inputs from FILE (.env by default: INPUT_APP-ID=... as .env.example shows; an input left empty
// takes action.yml's default; other variables, such as HTTPS_PROXY, reach the action as they would on a runner) and
// from this shell's INPUT_ variables (in either spelling, INPUT_REQUIRED_ACCESS or INPUT_REQUIRED-ACCESS; they win
// over the file's), says where they came from, runs the bundle with the runner's command files, and shows the step log (with its debug lines
// when RUNNER_DEBUG=1 is in FILE or in this shell, as on a runner with debug logging), the outputs and the exported
// variables with masked values as ***, and the job summary. It exits as the step would: 0 when it passed, 1 when it failed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { readActionYml, runAction } from '../harness/run-action.js'
import { renderRun } from '../harness/terminal.js'

/** Proxy and certificate settings of this shell, as a self-hosted runner's environment would carry them. */
const PASSED_ON = /^(https?_proxy|no_proxy|node_extra_ca_certs)$/i

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const file = process.argv[2] ?? '.env'
const declared = Object.keys(readActionYml().inputs)

/**
 * The input an INPUT_ variable sets. In this shell, in either spelling: a shell can only name INPUT_REQUIRED_ACCESS
 * (and npm runs scripts through sh, which drops names that hold '-'). In a .env file, as written, as a runner passes
 * `with:`: INPUT_APP_ID reaches the action as 'app_id', which it refuses, naming 'app-id', as it would on a runner.
 */
function inputOf(name: string, inShell: boolean): string | undefined {
  const given = /^INPUT_(.+)$/.exec(name)?.[1]?.toLowerCase()
  if (given === undefined) return undefined
  if (!inShell) return given
  return declared.find(input => input === given || input.replace(/-/g, '_') === given) ?? given
}

/** Whether the action has this input, or it is one spelled with '_' for '-' (which the action names itself). */
const known = (input: string) => declared.includes(input) || declared.includes(input.replace(/_/g, '-'))

const inputs: Record<string, string> = {}
const env: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => PASSED_ON.test(entry[0]) && entry[1] !== undefined)
)
const fromFile = existsSync(file)
if (fromFile) {
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    const input = inputOf(name, false)
    if (input === undefined) env[name] = value ?? ''
    else if (!known(input)) fail(`${file}: ${name} is not an input of action.yml. The inputs are: ${declared.join(', ')}.`)
    // Spelled with '_': as the runner would pass it, for the action to name the input meant.
    else if (!declared.includes(input)) env[`INPUT_${input.toUpperCase()}`] = value ?? ''
    else if (value) inputs[input] = value
  }
}
// The shell's own INPUT_ variables, as a runner's environment would carry them: they win over the file's.
const fromShell = Object.entries(process.env).filter(([name, value]) => inputOf(name, true) !== undefined && value)
for (const [name, value] of fromShell) {
  const input = inputOf(name, true)!
  if (!declared.includes(input)) fail(`${name}, in this shell, is not an input of action.yml. The inputs are: ${declared.join(', ')}.`)
  inputs[input] = value!
}
if (!fromFile && fromShell.length === 0) {
  fail(
    `There is no ${file}, and this shell sets no INPUT_ variable: copy .env.example to .env and set INPUT_APP-ID and INPUT_APP-SECRET ` +
      '(or try the sandbox: npm run sandbox), or name another file: npm run local-action -- FILE.'
  )
}
const shellNames = fromShell.map(([name]) => name).join(', ')
console.log(
  `Inputs from ${fromFile ? file : 'no file'}${fromShell.length > 0 ? `${fromFile ? ', and' : ', but'} from this shell: ${shellNames}` : ''}.`
)

// Debug logging: RUNNER_DEBUG=1, which the runner sets when a run is re-run with debug logging.
if (process.env.RUNNER_DEBUG !== undefined && env.RUNNER_DEBUG === undefined) env.RUNNER_DEBUG = process.env.RUNNER_DEBUG
const debug = env.RUNNER_DEBUG === '1'

// ACTION_BUNDLE, as for the tests (harness/run-action.ts): that build, instead of one made now (the tests build once).
const given = process.env.ACTION_BUNDLE
const out = given === undefined ? mkdtempSync(join(tmpdir(), 'local-action-')) : undefined
if (out !== undefined) {
  try {
    execFileSync('npm', ['run', '-s', 'build', '--', '-o', out, '-q'], { stdio: 'inherit' })
  } catch {
    fail("'npm run build' failed: see its output above.")
  }
}
const bundle = out === undefined ? given! : join(out, 'index.cjs')
// The action keeps to its own deadline ('timeout-seconds', at most an hour); this only stops a runaway.
const result = await runAction({ inputs, env, bundle, killAfterMs: 61 * 60_000 })
if (out !== undefined) rmSync(out, { recursive: true, force: true })
console.log(renderRun(result, process.stdout.isTTY, debug).join('\n').replace(/^\n/, ''))
process.exitCode = result.exitCode === 0 ? 0 : 1
