// npm run mutation: StrykerJS mutates the pure modules and runs the in-process unit tests against each mutant, to
// find behaviour no test holds. Not part of npm test or CI: hours on two cores (CONTRIBUTING.md says how to run part of it).
// The report: reports/mutation/mutation.html (git-ignored).

/** The pure modules: no I/O of their own, so in-process tests can pin every branch. */
const MUTATED = [
  'inputs/read',
  'inputs/table',
  'inputs/values',
  'inputs/base-url',
  'inputs/scopes',
  'inputs/resources',
  'inputs/calls',
  'inputs/endpoint',
  'feishu/scopes',
  'feishu/region',
  'feishu/kinds',
  'feishu/retry',
  'feishu/failure',
  'checks/token-scopes',
  'checks/scopes',
  'checks/calls',
  'checks/gate',
  'checks/access',
  'checks/pacer',
  'catalogue/catalogue',
  'catalogue/distance',
  'catalogue/match',
  'catalogue/names',
  'catalogue/paths',
  'catalogue/scopes',
  'catalogue/notes',
  'catalogue/lazy',
  'words/gate',
  'words/console',
  'output/limits',
  'output/text',
  'output/redact'
]

/**
 * The unit tests that run in this process (the sandbox, when used, on loopback in the same process): the folders of
 * test/ that mirror src/, the catalogue's in-process tests, and test/main.test.ts. The rest run the bundle or other programs, or hold the README and the
 * repository to their promises: test/action/ runs dist/, which Stryker does not mutate, so those tests would only slow
 * each mutant down; test/docs/, test/repo/ and test/harness/ test no module of src/ by itself.
 */
const UNIT_TESTS = [
  '<rootDir>/test/{inputs,feishu,checks,words,output,summary,steps}/**/*.test.ts',
  // The catalogue's modules in process; not its extraction (a program), nor the bundle's reading of it.
  '<rootDir>/test/catalogue/{catalogue,distance,lazy,match,scopes}.test.ts',
  '<rootDir>/test/main.test.ts'
]

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: MUTATED.map(name => `src/${name}.ts`),
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    config: { testMatch: UNIT_TESTS },
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
