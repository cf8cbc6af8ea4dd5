// The test CA and server certificate, made by scripts/make-test-certs.cjs (Node's crypto only, no openssl) into
// harness/.tls, which git ignores. Located through import.meta.url, so that the paths hold on every OS.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const TLS_DIR = new URL('../.tls/', import.meta.url)
export const TEST_CA_FILE = fileURLToPath(new URL('ca.crt', TLS_DIR))

/** The test server certificate (for open.feishu.cn, open.larksuite.com, feishu-sandbox.invalid, localhost, 127.0.0.1, ::1). */
export function testCertificate(): { key: Buffer; cert: Buffer } {
  return { key: readFileSync(new URL('server.key', TLS_DIR)), cert: readFileSync(new URL('server.crt', TLS_DIR)) }
}
