// npm run mutation: StrykerJS mutates the pure modules and runs the in-process unit tests against each mutant, to
// find behaviour no test holds. Not part of npm test or CI: it takes about 40 minutes on two cores.
// The report: reports/mutation/mutation.html (git-ignored).

/** The pure modules: no I/O of their own, so in-process tests can pin every branch. */
const MUTATED = [
  'inputs/read',
  'inputs/table',
  'inputs/values',
  'inputs/base-url',
  'inputs/scopes',
  'inputs/resources',
  'feishu/scopes',
  'feishu/region',
  'feishu/kinds',
  'feishu/retry',
  'checks/scopes',
  'checks/gate',
  'checks/access',
  'checks/pacer',
  'words/gate',
  'words/console',
  'output/limits',
  'output/text',
  'output/redact'
]

/**
 * The unit tests that run in this process (the sandbox, when used, on loopback in the same process). The files that
 * run the bundle or the sandbox in another process test dist/, which Stryker does not mutate: they would only slow
 * each mutant down (e2e, readiness, hardening, network, proxy, recipes, load, repo, release, harness, and audit,
 * hostile and properties, which run the bundle once each). errors.test.ts holds README checks that follow the words.
 */
const UNIT_TESTS = [
  'checks',
  'console',
  'feishu',
  'gate',
  'inputs',
  'limits',
  'main',
  'redact',
  'region',
  'required-access',
  'resources',
  'retry',
  'scopes',
  'terminal',
  'text'
]

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: MUTATED.map(name => `src/${name}.ts`),
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { testMatch: UNIT_TESTS.map(name => `<rootDir>/test/${name}.test.ts`) },
    enableFindRelatedTests: false
  },
  // jest runs the tests as ES modules (package.json's test script): the runner's Node needs the same flag.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'],
  coverageAnalysis: 'perTest',
  // The machine's two cores are shared.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true
}
