// Every YAML example of the documentation (the READMEs and docs/) works when pasted. Each fenced block, wrapped into the smallest workflow that
// holds it (it is a whole workflow, a job map, a job's steps, a list of steps, or one step or `uses:` line), passes
// actionlint as it is written; a script it runs from the repository has a checkout it may make; and every inline
// `key: value` parses as the one YAML mapping it shows.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt, { type Token } from 'markdown-it'
import { parse, parseDocument } from 'yaml'
import { ROOT } from '../../harness/run-action.js'
import { readInputs } from '../../src/inputs/read.js'
import { DOC_FILES, readDoc } from '../support/docs.js'

interface Example {
  /** The page and line the block's text starts on (1-based). */
  file?: string
  line: number
  text: string
}

/** The README's fenced YAML blocks, and its inline code written as `key: value` (table escapes undone). */
function examples(markdown: string): { blocks: Example[]; inline: string[] } {
  const blocks: Example[] = []
  const inline: string[] = []
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'fence' && /^ya?ml\b/.test(token.info)) blocks.push({ line: token.map![0] + 2, text: token.content })
      if (token.type === 'code_inline' && /^[A-Za-z_][\w.-]*: /.test(token.content)) inline.push(token.content)
      if (token.children) walk(token.children)
    }
  }
  walk(new MarkdownIt().parse(markdown, {}))
  return { blocks, inline }
}

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map(line => (line.trim() === '' ? '' : ' '.repeat(spaces) + line))
    .join('\n')

function dedent(text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n')
  const least = Math.min(...lines.filter(line => line.trim() !== '').map(line => /^ */.exec(line)![0].length))
  return lines.map(line => line.slice(least)).join('\n')
}

/** What a fragment's own steps lack: a step it refers to as `steps.<id>` gets the README's token step, with that id. */
function tokenStep(id: string): string {
  return [
    `- id: ${id}`,
    '  uses: feishu-actions/tenant-token-action@v1',
    '  with:',
    '    app-id: ${{ vars.FEISHU_APP_ID }}',
    '    app-secret: ${{ secrets.FEISHU_APP_SECRET }}'
  ].join('\n')
}

type Shape = 'workflow' | 'jobs' | 'job' | 'steps' | 'step'

/**
 * The smallest workflow that holds a README example, with the example's own text (so actionlint reads what a
 * reader pastes), how many lines come before that text, and what the example was. Throws when it is none of them.
 */
function asWorkflow(text: string): { workflow: string; offset: number; shape: Shape } {
  const body = dedent(text)
  const value: unknown = parse(body)
  const head = (shape: Shape, lines: string[], fragment: string, spaces: number) => ({
    workflow: `${lines.join('\n')}\n${indent(fragment, spaces)}\n`,
    offset: lines.length,
    shape
  })
  const job = ['on: workflow_dispatch', 'jobs:', '  example:', '    runs-on: ubuntu-latest']
  const steps = (list: string, shape: Shape = 'steps') => {
    const ids = new Set((parse(list) as Array<{ id?: string }>).map(step => step.id))
    const lacking = [...new Set([...list.matchAll(/\bsteps\.([\w-]+)\./g)].map(([, id]) => id!))].filter(id => !ids.has(id))
    return head(shape, [...job, '    steps:', ...lacking.flatMap(id => indent(tokenStep(id), 6).split('\n'))], list, 6)
  }
  if (Array.isArray(value)) return steps(body)
  if (value === null || typeof value !== 'object') throw new Error(`not a workflow, a job or a step:\n${text}`)
  const keys = Object.keys(value)
  if (keys.includes('jobs'))
    return keys.includes('on') ? { workflow: `${body}\n`, offset: 0, shape: 'workflow' } : head('jobs', ['on: workflow_dispatch'], body, 0)
  if (keys.length === 1 && keys[0] === 'steps') {
    // A job's `steps:` alone: its list, under the wrapper's own `steps:` (which stands for the example's first line).
    const wrapped = steps(dedent(body.slice(body.indexOf('\n') + 1)), 'job')
    return { ...wrapped, offset: wrapped.offset - 1 }
  }
  if (keys.includes('steps')) return head('job', keys.includes('runs-on') ? job.slice(0, 3) : job, body, 4)
  if (keys.includes('uses') || keys.includes('run')) {
    // One step: a list of one.
    const [first, ...rest] = body.split('\n')
    return steps([`- ${first}`, ...rest.map(line => (line === '' ? '' : `  ${line}`))].join('\n'), 'step')
  }
  const jobs = Object.values(value)
  if (jobs.every(j => j && typeof j === 'object' && ('runs-on' in j || 'uses' in j)))
    return head('jobs', ['on: workflow_dispatch', 'jobs:'], body, 2)
  throw new Error(`not a workflow, a job or a step:\n${text}`)
}

interface Finding {
  path: string
  message: string
  line: number
}

/** actionlint's findings (test/support/actionlint.cjs, wasm, offline) for each workflow, in one run. */
function actionlint(workflows: string[]): Finding[][] {
  const dir = mkdtempSync(join(tmpdir(), 'readme-yaml-'))
  const files = workflows.map((workflow, n) => {
    const file = join(dir, `example-${n}.yml`)
    writeFileSync(file, workflow)
    return file
  })
  try {
    const out = execFileSync(process.execPath, [join(ROOT, 'test/support/actionlint.cjs'), ...files], { cwd: ROOT, encoding: 'utf8' })
    const findings = JSON.parse(out) as Finding[]
    return files.map(file => findings.filter(finding => finding.path === file))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type Step = { uses?: string; run?: string; with?: Record<string, unknown> }
type Job = { permissions?: unknown; steps?: Step[] }

/**
 * Why a job's step cannot run when pasted, or undefined: a script that runs a file of the repository (`./notify.sh`)
 * needs a checkout before it, and a checkout needs `contents: read` when the job sets its permissions.
 */
function missingCheckout(job: Job): string | undefined {
  const steps = job.steps ?? []
  const checkout = steps.findIndex(step => step.uses?.startsWith('actions/checkout@'))
  const local = steps.findIndex(step => /(^|[\s;&|(])\.{1,2}\/[\w./-]+/m.test(step.run ?? ''))
  if (local !== -1 && (checkout === -1 || checkout > local)) return `runs ${JSON.stringify(steps[local]!.run)} with no checkout before it`
  const readable = job.permissions === undefined || /"contents":"(read|write)"|^"(read|write)-all"$/.test(JSON.stringify(job.permissions))
  if (checkout !== -1 && !readable)
    return `checks out the repository with permissions ${JSON.stringify(job.permissions)}, which cannot read it`
  return undefined
}

const found = DOC_FILES.map(file => ({ file, ...examples(readDoc(file)) }))
const blocks: Example[] = found.flatMap(({ file, blocks }) => blocks.map(block => ({ ...block, file })))
const inline = found.flatMap(({ inline }) => inline)

describe("the documentation's YAML examples, as workflows", () => {
  const wrapped = blocks.map(block => ({ ...block, ...asWorkflow(block.text) }))
  const findings = actionlint(wrapped.map(example => example.workflow))

  it('finds the examples: whole workflows, jobs, lists of steps and single steps', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10)
    expect(wrapped.map(example => example.shape)).toEqual(expect.arrayContaining(['workflow', 'jobs', 'steps', 'step']))
  })

  it('each passes actionlint, as written', () => {
    const problems = wrapped.flatMap((example, n) =>
      findings[n]!.map(finding => `${example.file} line ${example.line + finding.line - 1 - example.offset}: ${finding.message}`)
    )
    expect(problems).toEqual([])
  })

  it('no job runs a file of the repository without a checkout it is allowed to make', () => {
    const problems = wrapped.flatMap(example =>
      Object.entries<Job>(parse(example.workflow).jobs).flatMap(([name, job]) => {
        const workflow = parse(example.workflow) as Job
        const why = missingCheckout({ ...job, permissions: job.permissions ?? workflow.permissions })
        return why ? [`${example.file} line ${example.line}, job ${name}: ${why}`] : []
      })
    )
    expect(problems).toEqual([])
  })

  it('passes the credentials as the README says to store them: vars.FEISHU_APP_ID and secrets.FEISHU_APP_SECRET', () => {
    const given: string[] = []
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['app-id', 'app-secret', 'FEISHU_APP_SECRET'].includes(key) && typeof value === 'string') given.push(`${key}: ${value}`)
          walk(value)
        }
      }
    }
    for (const block of blocks) walk(parse(block.text))
    expect(given.length).toBeGreaterThanOrEqual(10)
    expect([...new Set(given)].sort()).toEqual([
      'FEISHU_APP_SECRET: ${{ secrets.FEISHU_APP_SECRET }}',
      'app-id: ${{ vars.FEISHU_APP_ID }}',
      'app-secret: ${{ secrets.FEISHU_APP_SECRET }}'
    ])
  })
})

/**
 * The steps of every example that run this action (`uses: feishu-actions/tenant-token-action@...`) with inputs, and
 * where they are; a `uses:` line shown alone (how to pin it) is no step to run.
 */
function actionSteps(): Array<{ where: string; with: Record<string, unknown> }> {
  const steps: Array<{ where: string; with: Record<string, unknown> }> = []
  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, where)
    } else if (node && typeof node === 'object') {
      const step = node as Step
      if (typeof step.uses === 'string' && step.uses.startsWith('feishu-actions/tenant-token-action@') && step.with)
        steps.push({ where, with: step.with })
      for (const value of Object.values(node)) walk(value, where)
    }
  }
  for (const block of blocks) walk(parse(block.text), `${block.file} line ${block.line}`)
  return steps
}

describe("the documentation's steps of this action, as the action reads their inputs", () => {
  // An expression stands for what the runner would put there: the credentials as stored, any other value left out
  // (a workflow's own input, which the example does not fix).
  const credentials: Record<string, string> = { 'app-id': 'cli_9b445f5258795107', 'app-secret': 'example-secret-0123456789abcdef' }
  const steps = actionSteps()

  it('finds the steps, those that gate on calls and resources among them', () => {
    expect(steps.length).toBeGreaterThanOrEqual(10)
    expect(steps.filter(step => 'required-calls' in step.with && 'required-access' in step.with).length).toBeGreaterThanOrEqual(2)
  })

  it('each is taken as written: no input error', () => {
    const problems = steps.flatMap(({ where, with: given }) => {
      const value = (name: string): string => {
        const written = given[name]
        if (written === undefined || written === null) return ''
        const text = String(written).trim()
        return text.includes('${{') ? (credentials[name] ?? '') : text
      }
      try {
        readInputs({ getInput: value, setSecret: () => {}, warning: () => {}, onRunner: true })
        return []
      } catch (error) {
        return [`${where}: ${(error as Error).message}`]
      }
    })
    expect(problems).toEqual([])
  })
})

/** Why a `key: value` written on one line is not the one YAML mapping it shows, or undefined. */
function inlineProblem(code: string): string | undefined {
  const document = parseDocument(code)
  if (document.errors.length > 0) return document.errors[0]!.message.split('\n')[0]
  const value = document.toJS()
  return value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 ? undefined : 'not one mapping'
}

describe("the documentation's inline `key: value` code", () => {
  it('is found', () => {
    expect(inline).toEqual(expect.arrayContaining(['region: lark', 'permissions: {}']))
  })

  it('each parses as the one YAML mapping it shows', () => {
    expect(inline.filter(code => inlineProblem(code) !== undefined)).toEqual([])
  })
})

describe('the checks really check', () => {
  it('a mapping nested on one line (the troubleshooting fix this README once had) does not parse', () => {
    expect(inlineProblem('secrets: FEISHU_APP_SECRET: ${{ secrets.YOUR_SECRET }}')).toMatch(/nested mappings|implicit|compact/i)
    expect(
      inlineProblem("if: github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository")
    ).toBe(undefined)
  })

  it('a step that refers to a step it lacks gets one, in each shape; a broken expression, an unknown key or a job that lacks the step fails actionlint', () => {
    const step = '  - name: Use it\n    env:\n      T: ${{ steps.feishu.outputs.token }}\n    run: echo "$T"\n'
    const fine = [asWorkflow(step), asWorkflow(step.replace('  - name', 'name').replace(/^ {4}/gm, '')), asWorkflow(`steps:\n${step}`)]
    expect(fine.map(example => example.shape)).toEqual(['steps', 'step', 'job'])
    const findings = actionlint([
      ...fine.map(example => example.workflow),
      asWorkflow(step.replace('steps.feishu.outputs.token', 'steps.feishu.outputs.token(')).workflow,
      asWorkflow('jobs:\n  x:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n').workflow,
      // A job, unlike a fragment of steps, gets no step it lacks: the example must hold it.
      asWorkflow(`jobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n${indent(step, 4)}`).workflow
    ])
    expect(findings.slice(0, 3)).toEqual([[], [], []])
    expect(findings.slice(3).map(found => found.length > 0)).toEqual([true, true, true])
    expect(findings[5]!.map(finding => finding.message).join('\n')).toMatch(/feishu/)
  })

  it('the gate-then-notify job this README once had is caught: ./notify.sh with no checkout, and a checkout permissions: {} forbids', () => {
    const once: Job = { permissions: {}, steps: [{ uses: 'feishu-actions/tenant-token-action@v1' }, { run: './notify.sh' }] }
    expect(missingCheckout(once)).toBe('runs "./notify.sh" with no checkout before it')
    const checkedOut: Job = { ...once, steps: [{ uses: 'actions/checkout@v6' }, ...once.steps!] }
    expect(missingCheckout(checkedOut)).toMatch(/permissions \{\}, which cannot read it/)
    expect(missingCheckout({ ...checkedOut, permissions: { contents: 'read' } })).toBeUndefined()
  })

  it('a fragment of no known shape is refused rather than skipped', () => {
    expect(() => asWorkflow('just: text\nmore: text\n')).toThrow(/not a workflow, a job or a step/)
  })
})
