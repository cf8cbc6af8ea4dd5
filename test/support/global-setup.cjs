// Jest's globalSetup: the test CA and certificate, made once before any test file runs (scripts/make-test-certs.cjs,
// Node's crypto only, so that the tests need no openssl or bash on any OS).
const { makeTestCerts } = require('../../scripts/make-test-certs.cjs')

module.exports = () => makeTestCerts()
