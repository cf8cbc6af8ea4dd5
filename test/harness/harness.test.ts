// The harness that runs the bundle works the same on Linux, macOS and Windows: it finds Node 24, gives the action what
// a Windows process needs, reads the runner's files and the step's output as the runner does whatever the line
// endings, and the test certificates are made with Node alone; the leak scan finds what it should. Part of
// `npm run test:bundle`, which CI runs on all three.
import { X509Certificate } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { outputLines, parseKeyValueFile, runnerEnv } from '../../harness/run-action.js'
import { NODE24, packageNode, versionOf } from '../../harness/runtimes.js'
import { type Sandbox, TEST_CA_FILE, startSandbox } from '../../harness/sandbox.js'
import { runBundle } from '../support/action.js'
import { leakedPart } from '../support/leaks.js'

describe('Node 24', () => {
  it('is the running Node when that is 24, as after setup-node or under npm scripts: the tests run on the runtime action.yml declares', () => {
    expect(process.version).toMatch(/^v24\./)
    expect(NODE24).toBe(process.execPath)
    expect(versionOf(NODE24)).toMatch(/^v24\./)
  })

  it('is, in the `node` package, bin/node.exe on Windows (its bin/node is a placeholder there) and bin/node elsewhere', () => {
    expect(packageNode('win32').endsWith(['node_modules', 'node', 'bin', 'node.exe'].join(sep))).toBe(true)
    expect(packageNode('linux').endsWith(['node_modules', 'node', 'bin', 'node'].join(sep))).toBe(true)
    expect(packageNode('darwin')).toBe(packageNode('linux'))
    // npm ci installed it for this OS.
    expect(versionOf(packageNode())).toMatch(/^v24\./)
  })
})

describe("the action's environment", () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
    Object.assign(process.env, saved)
  })

  it("passes what a Windows process needs (Winsock loads only with SystemRoot), and none of the test process's own settings", () => {
    // Before TEMP changes: on Windows, os.tmpdir() reads it.
    const dir = mkdtempSync(join(tmpdir(), 'env-'))
    Object.assign(process.env, {
      SystemRoot: 'C:\\Windows',
      TEMP: 'C:\\Temp',
      USERPROFILE: 'C:\\Users\\runner',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe',
      HTTPS_PROXY: 'http://proxy.example:3128',
      RUNNER_DEBUG: '1'
    })
    const { env } = runnerEnv({}, dir)
    expect(env).toMatchObject({
      SystemRoot: 'C:\\Windows',
      TEMP: 'C:\\Temp',
      USERPROFILE: 'C:\\Users\\runner',
      PATHEXT: '.COM;.EXE;.BAT;.CMD',
      ComSpec: 'C:\\Windows\\system32\\cmd.exe'
    })
    expect(env).not.toHaveProperty('HTTPS_PROXY')
    expect(env).not.toHaveProperty('RUNNER_DEBUG')
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('reading what the action writes, as the runner does', () => {
  // What @actions/core writes for setOutput('granted-scopes', ...) and exportVariable, with a line break of os.EOL.
  const written = (eol: string) =>
    [`granted-scopes<<ghadelimiter_1${eol}["im:message"]${eol}ghadelimiter_1${eol}`, `FEISHU_BASE_URL=https://open.feishu.cn${eol}`].join(
      ''
    )

  it('GITHUB_OUTPUT and GITHUB_ENV with LF line breaks (Linux and macOS)', () => {
    expect(parseKeyValueFile(written('\n'), false)).toEqual({
      'granted-scopes': '["im:message"]',
      FEISHU_BASE_URL: 'https://open.feishu.cn'
    })
  })

  it('with CRLF line breaks (Windows, where the runner ends lines at CRLF too)', () => {
    expect(parseKeyValueFile(written('\r\n'), true)).toEqual({
      'granted-scopes': '["im:message"]',
      FEISHU_BASE_URL: 'https://open.feishu.cn'
    })
    // Elsewhere the runner ends lines at LF only: the CR is part of the line, so the delimiter line is matched as written.
    expect(parseKeyValueFile(written('\r\n'), false)).toEqual({
      'granted-scopes': '["im:message"]\r',
      FEISHU_BASE_URL: 'https://open.feishu.cn\r'
    })
  })

  it('a multi-line value keeps its inner line breaks; an empty one is empty; a value with no closing delimiter is an error', () => {
    expect(parseKeyValueFile('a<<EOF\none\ntwo\nEOF\nb<<EOF\nEOF\n', false)).toEqual({ a: 'one\ntwo', b: '' })
    expect(() => parseKeyValueFile('a<<EOF\none\n', false)).toThrow(/no line 'EOF' ends its value/)
  })

  it('stdout: a line ends at CR, LF or CRLF, as .NET ReadLine reads it', () => {
    expect(outputLines('::add-mask::x\r\none\ntwo\rthree')).toEqual(['::add-mask::x', 'one', 'two', 'three'])
    expect(outputLines('')).toEqual([])
  })
})

describe("the bundle's output with Windows line breaks", () => {
  let sandbox: Sandbox
  let dir: string
  beforeEach(async () => {
    sandbox = await startSandbox()
    dir = mkdtempSync(join(tmpdir(), 'eol-'))
  })
  afterEach(async () => {
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** The bundle, run with @actions/core writing `eol` as its os.EOL (CRLF is Windows'). */
  function runWithEol(eol: string, inputs: Record<string, string>) {
    const preload = join(dir, `eol-${eol.length}.cjs`)
    writeFileSync(preload, `Object.defineProperty(require('node:os'), 'EOL', { value: ${JSON.stringify(eol)} })\n`)
    // NODE_OPTIONS reads a double-quoted value with backslash escapes, as JSON writes it (Windows paths hold backslashes).
    return runBundle({ sandbox, inputs, env: { NODE_OPTIONS: `--require ${JSON.stringify(preload)}` } })
  }

  it('gives the same commands, outputs and summary as with LF', async () => {
    const inputs = { 'required-scopes': 'im:message bitable:app', 'on-missing-scopes': 'warn' }
    const crlf = await runWithEol('\r\n', inputs)
    const lf = await runWithEol('\n', inputs)
    expect(crlf.stdout).toContain('\r\n')
    expect(crlf.files.output).toContain('\r\n')
    expect(lf.stdout).not.toContain('\r')

    expect([crlf.exitCode, lf.exitCode]).toEqual([0, 0])
    expect(crlf.commands.map(([command]) => command)).toEqual(lf.commands.map(([command]) => command))
    expect(crlf.warnings).toEqual(lf.warnings)
    expect(crlf.warnings).toEqual([expect.stringMatching(/^1 of 2 required scopes is missing/)])
    // The same token both times, a second older or not: all but its lifetime must be equal.
    const { 'expires-in': _a, 'expires-at': _b, ...fromCrlf } = parseKeyValueFile(crlf.files.output, true)
    const { 'expires-in': _c, 'expires-at': _d, ...fromLf } = parseKeyValueFile(lf.files.output, false)
    expect(fromCrlf).toEqual(fromLf)
    expect(fromCrlf['missing-scopes']).toBe('["bitable:app"]')
    const steady = (summary: string) => summary.replace(/\r\n/g, '\n').replace(/^\| Token expires \|.*$/m, '')
    expect(steady(crlf.summary)).toBe(steady(lf.summary))
    expect(lf.summary).toContain('| `bitable:app` |')
  })
})

describe('the test certificates (scripts/make-test-certs.cjs, Node only)', () => {
  const ca = new X509Certificate(readFileSync(TEST_CA_FILE))
  const server = new X509Certificate(readFileSync(join(TEST_CA_FILE, '..', 'server.crt')))

  it('are at a path this OS can open (not a file: URL path, which Windows cannot)', () => {
    expect(existsSync(TEST_CA_FILE)).toBe(true)
  })

  it('a CA, and a server certificate it signed for the API hosts, the unresolvable test host and loopback', () => {
    expect(ca.ca).toBe(true)
    expect(server.ca).toBe(false)
    expect(server.checkIssued(ca)).toBe(true)
    expect(server.verify(ca.publicKey)).toBe(true)
    for (const host of ['open.feishu.cn', 'open.larksuite.com', 'feishu-sandbox.invalid', 'localhost'])
      expect(server.checkHost(host)).toBe(host)
    for (const ip of ['127.0.0.1', '::1']) expect(server.checkIP(ip)).toBe(ip)
    expect(server.checkHost('evil.example')).toBeUndefined()
    expect(new Date(server.validTo).getTime()).toBeGreaterThan(Date.now() + 365 * 24 * 3600 * 1000)
  })
})

describe('the leak scan (test/support/leaks.ts)', () => {
  it('finds 8 characters of a secret in a row, and nothing shorter', () => {
    expect(leakedPart('…456789ab…', '0123456789abcdef')).toBe('456789ab')
    expect(leakedPart('…456789a…', '0123456789abcdef')).toBeUndefined()
  })
})
