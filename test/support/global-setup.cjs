// Jest's globalSetup: the test CA and certificate, made once before any test file runs (scripts/make-test-certs.sh).
const { execFileSync } = require('node:child_process')
const { join } = require('node:path')

module.exports = () => {
  execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'make-test-certs.sh')], { stdio: 'inherit' })
}
