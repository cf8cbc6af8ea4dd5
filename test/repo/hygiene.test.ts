// Workflow hygiene, for every workflow of the repository: least privilege, time limits, checkouts that keep no
// credentials, a shell named for every script, no expression pasted into a script, current actions; and no job that
// can write, or holds the GitHub token, runs package-manager code. Each rule is shown to catch what it is for.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../harness/run-action.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

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
