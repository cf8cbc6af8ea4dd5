// The workflows are wired to the action's real inputs and outputs and pass actionlint: the reusable scope gate, CI
// (npm test on Linux; the bundle tests on Windows and macOS; a self-test against real Feishu), and .ci/run.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parse } from 'yaml'
import { ROOT, readActionYml } from '../../harness/run-action.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const action = readActionYml()
const PUBLISHED = 'feishu-actions/tenant-token-action'

/** Every test file, as a path relative to the repository ('test/action/token.test.ts'), sorted. */
const testFiles = () =>
  readdirSync(join(ROOT, 'test'), { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map(entry => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
/** Whether a test file runs the built bundle (harness/run-action.ts, or test/support/action.ts over it). */
const runsBundle = (file: string) => /\brun(Bundle|Action)\(/.test(read(file))
/** Whether a test file runs a program other than Node: a shell, Python, curl, openssl, npm. */
const needsMoreThanNode = (file: string) => /['"](bash|sh|python3?|curl|openssl|npm)['"]/.test(read(file))

type Step = { name?: string; uses?: string; run?: string; shell?: string; with?: Record<string, unknown>; env?: Record<string, string> }

/** What `shell: bash` runs a step's script with (GitHub's docs: bash --noprofile --norc -eo pipefail {0}). */
const SHELL_BASH = ['--noprofile', '--norc', '-eo', 'pipefail']

describe('.ci/run', () => {
  const script = read('.ci/run')

  it("runs the README's install and test command and ends with a pass/fail line", () => {
    expect(script).toContain('npm ci && npm test')
    expect(script).toMatch(/echo "\$passed passed, \$failed failed"/)
  })
})

describe('workflows', () => {
  const workflows = readdirSync(join(ROOT, '.github/workflows')).map(file => join('.github/workflows', file))

  function actionlint(files: string[]): Array<{ path: string; message: string; line: number }> {
    const out = execFileSync(process.execPath, [join(ROOT, 'test/support/actionlint.cjs'), ...files], { cwd: ROOT, encoding: 'utf8' })
    return JSON.parse(out)
  }

  it('all pass actionlint', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2)
    expect(actionlint(workflows)).toEqual([])
  })

  it('actionlint really checks (a broken workflow fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-'))
    const broken = join(dir, 'broken.yml')
    writeFileSync(broken, 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.X.y.z( }}\n')
    expect(actionlint([broken]).length).toBeGreaterThan(0)
    rmSync(dir, { recursive: true, force: true })
  })

  describe('scope-gate.yml', () => {
    const gate = parse(read('.github/workflows/scope-gate.yml'))
    const call = gate.on.workflow_call
    const job = gate.jobs.gate
    const step = job.steps.find((s: { uses?: string }) => s.uses?.startsWith(PUBLISHED))
    const secretsCheck = job.steps.find((s: { name?: string }) => s.name === 'Check that the secrets arrived')

    it('is a reusable workflow with the promised inputs, secrets and outputs', () => {
      // Every input of the action but the credentials, export-env (the token cannot leave the job anyway) and
      // on-nothing-to-check (a gate that checks nothing always fails: below).
      const passed = Object.keys(action.inputs).filter(
        name => !['app-id', 'app-secret', 'export-env', 'on-nothing-to-check'].includes(name)
      )
      expect(Object.keys(call.inputs).sort()).toEqual(['app-id', ...passed, 'runs-on'].sort())
      expect(call.inputs['runs-on'].default).toBe('ubuntu-latest')
      for (const name of passed) expect([name, String(call.inputs[name].default ?? '')]).toEqual([name, action.inputs[name]!.default ?? ''])
      // The names the README recommends, so that `secrets: inherit` works: repository secret names cannot hold '-'.
      expect(Object.keys(call.secrets)).toEqual(['FEISHU_APP_SECRET', 'FEISHU_APP_ID'])
      expect(call.secrets.FEISHU_APP_SECRET.required).toBe(true)
      expect(call.secrets.FEISHU_APP_ID.required).toBe(false)
      expect(Object.keys(call.outputs).sort()).toEqual([
        'app-name',
        'approval-requested',
        'bot-open-id',
        'expires-at',
        'granted-scopes',
        'missing-access',
        'missing-calls',
        'missing-scopes',
        'unexpected-scopes'
      ])
      // Any list may be given without the others.
      expect(call.inputs['required-scopes'].required).toBe(false)
      expect(call.inputs['required-access'].required).toBe(false)
      expect(call.inputs['required-calls'].required).toBe(false)
    })

    it('checks that the secrets arrived, then runs the published action: @v1 until a release pins it to a full commit SHA', () => {
      expect(job.steps).toEqual([secretsCheck, step])
      expect(step.uses).toMatch(new RegExp(`^${PUBLISHED}@(v1|[0-9a-f]{40})$`))
    })

    const checkSecrets = (env: Record<string, string>) =>
      spawnSync('bash', [...SHELL_BASH, '-c', secretsCheck.run], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } })

    it('an empty FEISHU_APP_SECRET stops the job with the reason, secrets: inherit from another organisation first', () => {
      const result = checkSecrets({ HAS_SECRET: 'false', HAS_APP_ID: 'true' })
      expect(result.status).toBe(1)
      const error = result.stdout.trim()
      expect(error).toMatch(
        /^::error title=FEISHU_APP_SECRET is empty::The reusable workflow received no FEISHU_APP_SECRET\. The usual cause: 'secrets: inherit'/
      )
      expect(error.indexOf('secrets: inherit')).toBeLessThan(error.indexOf('forks or by Dependabot'))
      expect(error).toContain(PUBLISHED)
      expect(secretsCheck.env.HAS_SECRET).toBe("${{ secrets.FEISHU_APP_SECRET != '' }}")
    })

    const present = { HAS_SECRET: 'true', HAS_APP_ID: 'true' }

    it('an App ID from neither the input nor the secret stops the job too; with both there, the check passes', () => {
      expect(checkSecrets({ HAS_SECRET: 'true', HAS_APP_ID: 'false', REQUIRED_SCOPES: 'im:message' }).stdout).toMatch(
        /^::error title=No App ID::/
      )
      const ok = checkSecrets({ ...present, REQUIRED_SCOPES: 'im:message' })
      expect([ok.status, ok.stdout]).toEqual([0, ''])
    })

    it('leaves a gate that would check nothing to the action, which fails it before any request: on-nothing-to-check is fail', () => {
      // The action reads the lists as it always does (comments, blank lines, a variable that is empty); a shell guard
      // of its own would read them differently. bundle: test/action/inputs.test.ts, 'on-nothing-to-check'.
      expect(step.with['on-nothing-to-check']).toBe('fail')
      expect(action.inputs['on-nothing-to-check']).toBeDefined()
      for (const nothing of <Record<string, string>[]>[{ CHECK_BOT: 'false' }, { REQUIRED_ACCESS: '# base:bascnAbC\n' }]) {
        const result = checkSecrets({ ...present, ...nothing })
        expect([nothing, result.status, result.stdout]).toEqual([nothing, 0, ''])
      }
      // The inputs never reach the script: it needs only whether the secrets are there.
      expect(Object.keys(secretsCheck.env).sort()).toEqual(['HAS_APP_ID', 'HAS_SECRET'])
      expect(secretsCheck.run).not.toContain('inputs.')
    })

    it('passes each of its inputs (but runs-on) to the action', () => {
      for (const name of Object.keys(call.inputs).filter(name => name !== 'runs-on')) {
        expect([name, step.with[name]]).toEqual([
          name,
          name === 'app-id' ? '${{ inputs.app-id || secrets.FEISHU_APP_ID }}' : `\${{ inputs.${name} }}`
        ])
      }
    })

    it("passes only keys that are the action's inputs", () => {
      for (const key of Object.keys(step.with)) expect(Object.keys(action.inputs)).toContain(key)
      expect(step.with['app-secret']).toBe('${{ secrets.FEISHU_APP_SECRET }}')
    })

    it('runs on one label or on a JSON list of labels, as its runs-on input says (the expression, evaluated)', () => {
      const expression = /^\$\{\{(.+)\}\}$/s.exec(job['runs-on'])![1]!
      const runsOn = (value: string) => evaluate(expression, { inputs: { 'runs-on': value } })
      expect(runsOn(call.inputs['runs-on'].default)).toBe('ubuntu-latest')
      // Not JSON: fromJSON() is never reached for it, as && evaluates its right side only after a true left one.
      expect(runsOn('self-hosted')).toBe('self-hosted')
      expect(runsOn('["self-hosted", "linux", "x64"]')).toEqual(['self-hosted', 'linux', 'x64'])
      expect(call.inputs['runs-on'].description).toContain(`'["self-hosted", "linux", "x64"]'`)
    })

    it("maps its outputs to the action's real outputs, and never the token", () => {
      for (const [name, spec] of Object.entries<{ value: string }>(call.outputs)) {
        expect(spec.value).toBe(`\${{ jobs.gate.outputs.${name} }}`)
        expect(job.outputs[name]).toBe(`\${{ steps.${step.id}.outputs.${name} }}`)
        expect(Object.keys(action.outputs)).toContain(name)
      }
      expect(JSON.stringify(job.outputs)).not.toContain('outputs.token')
    })
  })

  describe('ci.yml', () => {
    const ci = parse(read('.github/workflows/ci.yml'))

    it('installs and runs npm test on the Node of .node-version, with no second dist check (npm test has one)', () => {
      const runs = ci.jobs.test.steps.map((s: { run?: string }) => s.run ?? '').join('\n')
      expect(runs).toContain('npm ci')
      expect(runs).toContain('npm test')
      expect(runs).not.toContain('npm run build')
      expect(ci.jobs.test.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/setup-node@')).with['node-version-file']).toBe(
        '.node-version'
      )
    })

    it('runs the bundle tests on Windows and macOS too: Node of .node-version, npm ci, npm run test:bundle, read-only', () => {
      const bundle = ci.jobs.bundle
      expect(bundle.strategy.matrix.os).toEqual(['windows-latest', 'macos-latest'])
      expect(bundle['runs-on']).toBe('${{ matrix.os }}')
      expect(bundle.permissions).toEqual({ contents: 'read' })
      expect(bundle.steps.map((s: Step) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run test:bundle'])
      expect(bundle.steps.find((s: Step) => s.uses?.startsWith('actions/setup-node@')).with['node-version-file']).toBe('.node-version')
    })

    it('test:bundle runs the test files that run the bundle and need nothing but Node (test/action/, the harness); npm test still runs every file', () => {
      const scripts = JSON.parse(read('package.json')).scripts
      // npm runs scripts in cmd.exe on Windows: no bash, no NAME=value prefix, no single quotes.
      expect(scripts['test:bundle']).toMatch(/^node --experimental-vm-modules [^'\s]+ node_modules\/jest\/bin\/jest\.js( test\/[\w/.-]+)+$/)
      // Jest runs each file whose path holds one of the patterns.
      const patterns = (scripts['test:bundle'] as string).split(' ').filter(arg => arg.startsWith('test/'))
      const tests = testFiles()
      const selected = tests.filter(file => patterns.some(pattern => file.includes(pattern)))
      expect(selected).toEqual(expect.arrayContaining(['test/action/token.test.ts', 'test/harness/harness.test.ts']))
      for (const file of selected) expect([file, runsBundle(file), needsMoreThanNode(file)]).toEqual([file, true, false])
      // Every other file that runs the bundle needs more than Node.
      const others = tests.filter(file => runsBundle(file) && !selected.includes(file))
      expect(others).toEqual(['test/docs/recipes.test.ts'])
      for (const file of others) expect([file, needsMoreThanNode(file)]).toEqual([file, true])
      // No pattern: every file.
      expect(scripts.test).toMatch(/ node_modules\/jest\/bin\/jest\.js( --[\w-]+=\w+)*$/)
    })

    it('self-tests ./ against real Feishu only when the secrets are there', () => {
      const self = ci.jobs['self-test']
      expect(self.env.HAS_SECRETS).toMatch(/secrets\.FEISHU_APP_ID != ''.*secrets\.FEISHU_APP_SECRET != ''/)
      const uses = self.steps.find((s: { uses?: string }) => s.uses === './')
      expect(uses.if).toBe("env.HAS_SECRETS == 'true'")
      for (const key of Object.keys(uses.with)) expect(Object.keys(action.inputs)).toContain(key)
      expect(self.steps.some((s: { if?: string }) => s.if === "env.HAS_SECRETS != 'true'")).toBe(true)
    })
  })
})

/**
 * The part of GitHub's expression language the workflows use, evaluated as GitHub does: 'strings' ('' for a quote),
 * context paths (inputs.runs-on), startsWith() (ignoring case) and fromJSON(), parentheses, and && and ||, which
 * give one of their operands and evaluate the right one only when needed. Anything else throws.
 */
function evaluate(expression: string, context: Record<string, Record<string, unknown>>): unknown {
  type Thunk = () => unknown
  const tokens = expression.match(/\|\||&&|[(),]|'(?:[^']|'')*'|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*|\S/g) ?? []
  let at = 0
  const take = (expected?: string): string => {
    const token = tokens[at++]
    if (token === undefined || (expected !== undefined && token !== expected))
      throw new Error(`${expression}: expected ${expected ?? 'more'}`)
    return token
  }
  const truthy = (value: unknown) => !(value === false || value === 0 || value === '' || value === null || value === undefined)
  const functions: Record<string, (...args: unknown[]) => unknown> = {
    startsWith: (text, prefix) => String(text).toLowerCase().startsWith(String(prefix).toLowerCase()),
    fromJSON: text => JSON.parse(String(text))
  }
  const primary = (): Thunk => {
    const token = take()
    if (token === '(') {
      const inner = or()
      take(')')
      return inner
    }
    if (token.startsWith("'")) return () => token.slice(1, -1).replace(/''/g, "'")
    if (tokens[at] === '(') {
      const fn = functions[token]
      if (!fn) throw new Error(`${expression}: no function ${token}() here`)
      take('(')
      const args = [or()]
      while (tokens[at] === ',') {
        take(',')
        args.push(or())
      }
      take(')')
      return () => fn(...args.map(arg => arg()))
    }
    if (!/^[A-Za-z_]/.test(token)) throw new Error(`${expression}: unexpected ${token}`)
    const [name, ...path] = token.split('.')
    return () => path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], context[name!])
  }
  const binary = (operator: string, operand: () => Thunk, pick: (left: unknown, right: Thunk) => unknown) => (): Thunk => {
    let left = operand()
    while (tokens[at] === operator) {
      take()
      const [l, r] = [left, operand()]
      left = () => pick(l(), r)
    }
    return left
  }
  const and = binary('&&', primary, (left, right) => (truthy(left) ? right() : left))
  const or: () => Thunk = binary('||', and, (left, right) => (truthy(left) ? left : right()))
  const value = or()
  if (at !== tokens.length) throw new Error(`${expression}: unexpected ${tokens[at]}`)
  return value()
}
