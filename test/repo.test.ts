// The repository keeps its promises: dist/ is what the sources build to, workflows pass actionlint and are
// wired to the action's real inputs and outputs, and README, action.yml and .ci/run say the same thing.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { ROOT, readActionYml } from '../harness/run-action.js'
import { sourceFiles } from './support/source.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const readme = read('README.md')
const action = readActionYml()
const PUBLISHED = 'feishu-actions/tenant-token-action'
const flat = (text: string) => text.replace(/\s+/g, ' ').trim()

/** Rows of the first Markdown table after a heading, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`)
  expect(start).toBeGreaterThan(-1)
  const lines = readme.slice(start + heading.length + 2).split('\n')
  const first = lines.findIndex(line => line.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(cell => cell.trim())
    )
  }
  return rows
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '')

describe('dist/', () => {
  it("is exactly what 'npm run build' makes from the sources", () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
    // The build script itself, sent to another folder (ncc takes the last -o).
    execFileSync('npm', ['run', '-s', 'build', '--', '-o', out, '-q'], { cwd: ROOT, stdio: 'pipe' })
    const built = readdirSync(out).sort()
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(built)
    for (const file of built) {
      const fresh = readFileSync(join(out, file), 'utf8') === read(join('dist', file))
      if (!fresh) throw new Error(`dist/${file} is not what 'npm run build' makes from src/: run it and commit dist/`)
    }
    rmSync(out, { recursive: true, force: true })
  }, 120_000)

  it('is the bundle action.yml runs', () => {
    expect(readdirSync(join(ROOT, 'dist'))).toContain(action.runs.main.replace(/^dist\//, ''))
  })
})

describe('action.yml', () => {
  it('runs the bundle on node24, with a name, description and branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.cjs' })
    const raw = parse(read('action.yml')) as Record<string, unknown>
    expect(raw.name).toBeTruthy()
    expect(raw.description).toBeTruthy()
    expect(raw.branding).toEqual({ icon: expect.any(String), color: expect.any(String) })
  })

  it("is valid against the GitHub Actions metadata schema (SchemaStore's, which the Marketplace follows)", () => {
    const schema = JSON.parse(read('node_modules/github-action-ts-run-api/declarations/github-action-config-schema.json'))
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    expect([validate(parse(read('action.yml'))), validate.errors ?? []]).toEqual([true, []])
    // The check really checks: the icon this repository once had is refused.
    expect(validate({ ...parse(read('action.yml')), branding: { icon: 'key', color: 'blue' } })).toBe(false)
  })

  it('describes every input and output', () => {
    for (const spec of [...Object.values(action.inputs), ...Object.values(action.outputs)])
      expect(spec.description.length).toBeGreaterThan(10)
  })
})

describe('README', () => {
  it('lists the inputs exactly as action.yml declares them', () => {
    const rows = tableAfter('### Inputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.inputs))
    for (const [name, required, fallback, description] of rows) {
      const spec = action.inputs[unquote(name!)]!
      expect([unquote(name!), required]).toEqual([unquote(name!), spec.required ? 'yes' : 'no'])
      expect([unquote(name!), unquote(fallback!)]).toEqual([unquote(name!), spec.default ?? ''])
      expect(flat(description!)).toBe(flat(spec.description))
    }
  })

  it('lists the outputs exactly as action.yml declares them', () => {
    const rows = tableAfter('### Outputs')
    expect(rows.map(([name]) => unquote(name!))).toEqual(Object.keys(action.outputs))
    for (const [name, description] of rows) expect(flat(description!)).toBe(flat(action.outputs[unquote(name!)]!.description))
  })

  it('gives exactly two commands under Development: install + start, install + test', () => {
    const section = readme.slice(readme.indexOf('\n## Development\n'))
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!
    expect(block.trim().split('\n')).toEqual(['npm ci && npm start', 'npm ci && npm test'])
  })

  it('links only to headings it has (the table of contents among them)', () => {
    // GitHub's anchors: lowercase, punctuation dropped, spaces as hyphens.
    const slug = (heading: string) =>
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- ]/gu, '')
        .replace(/ /g, '-')
    const anchors = new Set([...readme.matchAll(/^#{2,4} (.+)$/gm)].map(([, heading]) => slug(heading!)))
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!)
    expect(links.length).toBeGreaterThan(10)
    expect(links.filter(anchor => !anchors.has(anchor))).toEqual([])
  })

  it('names the published reference that the reusable workflow uses', () => {
    expect(readme).toContain(`uses: ${PUBLISHED}@v1`)
    expect(readme).toContain(`uses: ${PUBLISHED}/.github/workflows/scope-gate.yml@v1`)
  })
})

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
      // Every input of the action but the credentials and export-env (the token cannot leave the job anyway).
      const passed = Object.keys(action.inputs).filter(name => !['app-id', 'app-secret', 'export-env'].includes(name))
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
        'missing-scopes',
        'unexpected-scopes'
      ])
      // Either list may be given without the other.
      expect(call.inputs['required-scopes'].required).toBe(false)
      expect(call.inputs['required-access'].required).toBe(false)
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

    it('stops a gate that would check nothing: no scope, no resource (blank and # lines name none), no check-bot', () => {
      for (const nothing of <Record<string, string>[]>[
        { CHECK_BOT: 'false' },
        { REQUIRED_SCOPES: ' \n\t, ,\n', REQUIRED_ACCESS: '\n  \n', CHECK_BOT: 'false' },
        { REQUIRED_ACCESS: '# oc_0123456789abcdef0123456789abcdef # set aside\n   # base:bascnAbC\n', CHECK_BOT: 'false' }
      ]) {
        const result = checkSecrets({ ...present, ...nothing })
        expect([nothing, result.status]).toEqual([nothing, 1])
        expect(result.stdout).toMatch(/^::error title=Nothing to check::.*'required-scopes'.*'required-access'.*'check-bot: true'/)
      }
      // The inputs reach the script as environment variables, as data: never pasted into the script.
      expect(secretsCheck.env).toMatchObject({
        REQUIRED_SCOPES: '${{ inputs.required-scopes }}',
        REQUIRED_ACCESS: '${{ inputs.required-access }}',
        CHECK_BOT: '${{ inputs.check-bot }}'
      })
    })

    it('lets through any one thing to check, each alone, however it is spaced', () => {
      for (const something of <Record<string, string>[]>[
        { REQUIRED_SCOPES: ' ,im:message,\n' },
        { REQUIRED_ACCESS: '# the release chat:\n  oc_0123456789abcdef0123456789abcdef # release\n' },
        { REQUIRED_ACCESS: 'chat:oc_0123456789abcdef0123456789abcdef' },
        { CHECK_BOT: 'true' },
        // Not a comment: the action itself refuses it, with its own words, rather than the gate passing nothing.
        { REQUIRED_SCOPES: '#im:message' }
      ]) {
        const result = checkSecrets({ ...present, CHECK_BOT: 'false', ...something })
        expect([something, result.status, result.stdout]).toEqual([something, 0, ''])
      }
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
      expect(others).toEqual(['test/recipes.test.ts'])
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
type Defaults = { run?: { shell?: string } }
type Job = {
  'timeout-minutes'?: number
  steps?: Step[]
  uses?: string
  permissions?: unknown
  env?: Record<string, string>
  needs?: string
  defaults?: Defaults
}
type Workflow = { permissions?: unknown; defaults?: Defaults; jobs?: Record<string, Job> }

/** What `shell: bash` runs a step's script with (GitHub's docs: bash --noprofile --norc -eo pipefail {0}). */
const SHELL_BASH = ['--noprofile', '--norc', '-eo', 'pipefail']

/** "job: step" for each `run:` step that `breaks` says breaks a rule. */
function runSteps(workflow: Workflow, breaks: (step: Step, job: Job) => boolean): string[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([name, job]) =>
    (job.steps ?? []).flatMap((step, n) =>
      step.run !== undefined && breaks(step, job) ? [`${name}: ${step.name ?? `step ${n + 1}`}`] : []
    )
  )
}

/** `run:` steps that name no shell: their own `shell:`, or a `defaults.run.shell` of their job or workflow. */
const runsWithoutShell = (workflow: Workflow) =>
  runSteps(workflow, (step, job) => !(step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell))

/** `run:` steps whose script holds an expression, pasted in before the shell parses it (expression injection). */
const runsWithExpressions = (workflow: Workflow) => runSteps(workflow, step => step.run!.includes('${{'))

describe('workflow hygiene', () => {
  const all = readdirSync(join(ROOT, '.github/workflows')).map(file => [file, parse(read(join('.github/workflows', file)))] as const)

  it.each(all)('%s: least-privilege permissions, a time limit on each job, checkouts that keep no credentials', (_file, workflow) => {
    expect(workflow.permissions).toBeDefined()
    for (const job of Object.values<Job>(workflow.jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0)
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false)
      }
    }
  })

  it.each(all)('%s: every run: names its shell, so that a Windows runner never runs a POSIX script in PowerShell', (_file, workflow) => {
    expect(runsWithoutShell(workflow)).toEqual([])
  })

  it('the shell rule catches scope-gate.yml as it was (no shell:), and takes a default of the job or the workflow', () => {
    const gate: Workflow = parse(read('.github/workflows/scope-gate.yml'))
    for (const step of gate.jobs!.gate!.steps!) delete step.shell
    expect(runsWithoutShell(gate)).toEqual(['gate: Check that the secrets arrived'])
    expect(runsWithoutShell({ ...gate, defaults: { run: { shell: 'bash' } } })).toEqual([])
    expect(runsWithoutShell({ jobs: { gate: { ...gate.jobs!.gate!, defaults: { run: { shell: 'pwsh' } } } } })).toEqual([])
  })

  it.each(all)('%s: no run: pastes an expression into its script: values come in through env:', (_file, workflow) => {
    expect(runsWithExpressions(workflow)).toEqual([])
  })

  it("the expression rule catches ci.yml's self-test as it was, and any ${{ }} in a script, whatever it names", () => {
    const ci: Workflow = parse(read('.github/workflows/ci.yml'))
    const use = ci.jobs!['self-test']!.steps!.find(step => step.name === 'Use the token')!
    use.run = use.run!.replace('$EXPIRES_AT', '${{ steps.token.outputs.expires-at }}')
    expect(runsWithExpressions(ci)).toEqual(['self-test: Use the token'])
    for (const pasted of ['${{ inputs.app-id }}', '${{ github.event.pull_request.title }}', '${{ env.X }}']) {
      expect(runsWithExpressions({ jobs: { x: { steps: [{ run: `echo "${pasted}"`, env: { SAFE: pasted } }] } } })).toEqual(['x: step 1'])
    }
    expect(runsWithExpressions({ jobs: { x: { steps: [{ run: 'echo "$SAFE"', env: { SAFE: '${{ inputs.app-id }}' } }] } } })).toEqual([])
  })

  it('uses the current major versions of the actions it uses', () => {
    const uses = all.flatMap(([, w]) => Object.values<Job>(w.jobs).flatMap(job => (job.steps ?? []).map(step => step.uses ?? '')))
    const external = uses.filter(u => u.startsWith('actions/'))
    expect(external.length).toBeGreaterThan(0)
    for (const u of external) expect(u).toMatch(/^actions\/(checkout|setup-node)@v6$/)
  })

  it('CI and releases cancel or queue runs of the same ref', () => {
    for (const [file, workflow] of all)
      if (file !== 'scope-gate.yml') expect([file, workflow.concurrency?.group]).toEqual([file, expect.stringContaining('github.ref')])
  })

  it('release.yml: tests in a read-only job; a publishing job that checks the tag, publishes the notes and moves vX', () => {
    const release = parse(read('.github/workflows/release.yml'))
    expect(release.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(release.on.release.types).toEqual(['published'])
    expect(release.permissions).toEqual({})
    expect(release.jobs.test.permissions).toEqual({ contents: 'read' })
    expect(release.jobs.publish.permissions).toEqual({ contents: 'write' })
    expect(release.jobs.publish.needs).toBe('test')
    const runs = (job: Job) => (job.steps ?? []).map(step => step.run ?? '').join('\n')
    expect(runs(release.jobs.test)).toContain('npm ci && npm test')
    const publish = runs(release.jobs.publish)
    expect(publish).toContain('bash scripts/check-release.sh "$TAG"')
    expect(publish).toContain('bash scripts/release-notes.sh "${TAG#v}"')
    expect(publish).toMatch(/gh release create "\$TAG" --verify-tag .*--notes-file/)
    expect(publish).toMatch(/git\/refs\/tags\/\$major" -f sha="\$sha" -F force=true/)
  })
})

/** Why a job breaks the rule, or undefined: no job that can write, or that is handed the GitHub token, runs package code. */
function packageCodeWithPower(workflow: Workflow, job: Job): string | undefined {
  const permissions = job.permissions ?? workflow.permissions
  // No permissions anywhere: the repository's default token, which may write.
  const canWrite = permissions === undefined || permissions === 'write-all' || JSON.stringify(permissions).includes('write')
  const seesToken = /github\.token|secrets\.GITHUB_TOKEN|\bGH_TOKEN\b|\bGITHUB_TOKEN\b/.test(JSON.stringify(job))
  const packageCode = (job.steps ?? []).find(step =>
    /(^|[\s;&|(])(npm|npx|pnpm|yarn|bun|corepack|pip3?|tsx|jest|node_modules\/\.bin\/\S+)(\s|$)/m.test(step.run ?? '')
  )
  if (!packageCode || !(canWrite || seesToken)) return undefined
  return `runs ${JSON.stringify(packageCode.run)} ${canWrite ? 'with a token that can write' : 'with the GitHub token'}`
}

describe('publishing hygiene', () => {
  const all = readdirSync(join(ROOT, '.github/workflows')).map(file => [file, parse(read(join('.github/workflows', file)))] as const)

  it.each(all)('%s: no job that can write, or that is handed the GitHub token, runs package-manager code', (_file, workflow) => {
    for (const [name, job] of Object.entries<Job>(workflow.jobs))
      expect([name, packageCodeWithPower(workflow, job)]).toEqual([name, undefined])
  })

  it('the rule catches the release job this repository once had, and a job with no permissions at all', () => {
    const once: Job = {
      permissions: { contents: 'write' },
      env: { GH_TOKEN: '${{ github.token }}' },
      steps: [{ run: 'npm ci && npm test' }, { run: 'gh release create "$TAG"' }]
    }
    expect(packageCodeWithPower({ permissions: {} }, once)).toMatch(/^runs "npm ci && npm test" with a token that can write$/)
    expect(packageCodeWithPower({}, { steps: [{ run: 'npx something' }] })).toMatch(/can write/)
    expect(packageCodeWithPower({ permissions: {} }, { env: { T: '${{ github.token }}' }, steps: [{ run: 'yarn build' }] })).toMatch(
      /with the GitHub token/
    )
    expect(packageCodeWithPower({ permissions: { contents: 'read' } }, { steps: [{ run: 'npm ci && npm test' }] })).toBeUndefined()
  })
})

describe('repository files', () => {
  it.each(['CHANGELOG.md', 'SECURITY.md', 'CONTRIBUTING.md', 'LICENSE'])('has %s', file => {
    expect(read(file).length).toBeGreaterThan(200)
  })

  it('the changelog is Keep a Changelog style and has notes for the version in package.json', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toContain('## [Unreleased]')
    expect(changelog).toContain(`## [${JSON.parse(read('package.json')).version}] - `)
  })

  it("dependabot updates npm and the workflows' actions, grouped", () => {
    const config = parse(read('.github/dependabot.yml'))
    expect(config.updates.map((u: { 'package-ecosystem': string }) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) expect(Object.keys(update.groups ?? {})).toHaveLength(1)
  })

  it('marks dist/ as generated', () => {
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* linguist-generated=true/m)
  })

  it("targets the Node of action.yml only: .node-version, @types/node and the project's own Node agree", () => {
    const pkg = JSON.parse(read('package.json'))
    const major = action.runs.using.replace(/^node/, '')
    expect(read('.node-version').trim()).toBe(major)
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${major}\\.`))
    expect(pkg.devDependencies.node).toMatch(new RegExp(`^\\^${major}\\.`))
  })

  it('commits no private key: the test certificates are made when the tests start', () => {
    const marker = ['PRIVATE', 'KEY-----'].join(' ')
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
    expect(tracked.filter(file => read(file).includes(marker))).toEqual([])
    expect(read('.gitignore')).toContain('harness/.tls/')
  })
})

it('type-checks with TypeScript 5.9 or 6.0 (7 breaks ts-jest and ncc)', () => {
  expect(spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--version'], { encoding: 'utf8' }).stdout).toMatch(
    /^Version (5\.9|6\.0)\./
  )
})

describe('installing', () => {
  it("npm test and npm start stop at once, naming the install step, when 'npm ci --ignore-scripts' left Node 24 out", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ignore-scripts-'))
    for (const file of ['package.json', 'scripts/require-node24.sh']) cpSync(join(ROOT, file), join(dir, file), { recursive: true })
    for (const script of ['test', 'start', 'local-action', 'sandbox', 'bench', 'mutation']) {
      const started = Date.now()
      const result = spawnSync('npm', ['run', '-s', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
      expect([script, result.status]).toEqual([script, 1])
      const said = result.stderr.replace(/\s+/g, ' ')
      expect(said).toContain("The project's Node 24 is not installed (node_modules/node/bin/node).")
      expect(said).toContain("Run 'npm ci' (without --ignore-scripts), or 'npm rebuild node'")
      expect(Date.now() - started).toBeLessThan(10_000)
    }
    rmSync(dir, { recursive: true, force: true })
  }, 90_000)

  it('passes where Node 24 is installed', () => {
    expect(spawnSync('bash', [join(ROOT, 'scripts/require-node24.sh')], { encoding: 'utf8' }).status).toBe(0)
  })

  it('says in one line which Node the scripts run on when npm runs on another', () => {
    const node = join(ROOT, 'node_modules/node/bin/node')
    const run = (npmNode: string) =>
      spawnSync(node, [join(ROOT, 'scripts/postinstall.cjs')], { encoding: 'utf8', env: { ...process.env, npm_node_execpath: npmNode } })
    expect(run(node).stdout).toBe('')
    const dir = mkdtempSync(join(tmpdir(), 'old-node-'))
    const old = join(dir, 'node')
    writeFileSync(old, '#!/bin/sh\necho v20.20.2\n', { mode: 0o755 })
    expect(run(old).stdout).toMatch(
      /^npm runs on Node v20\.20\.2 here; npm start, npm test and the other scripts run on Node v24\.\d+\.\d+, which the 'node' dev dependency installed in node_modules\/\.bin\.\n$/
    )
    rmSync(dir, { recursive: true, force: true })
  })
})

it('the action needs no GitHub token: nothing in src reads one or calls the GitHub API', () => {
  for (const file of sourceFiles()) {
    expect([file, read(file)]).not.toEqual([
      file,
      expect.stringMatching(/GITHUB_TOKEN|github\.token|api\.github\.com|@actions\/github|octokit/i)
    ])
  }
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
