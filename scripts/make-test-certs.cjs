// Makes the test-only CA and server certificate in harness/.tls (git-ignored), unless they are there already.
// They let the sandbox speak real TLS as open.feishu.cn / open.larksuite.com (and feishu-sandbox.invalid, a name no
// resolver knows) behind a local proxy, and on 127.0.0.1 and ::1. Made when the tests start, never committed:
// a committed private key is what secret scanners flag. Trusted only by the tests, through NODE_EXTRA_CA_CERTS.
//
// Node's own crypto, no openssl or bash: the same on Linux, macOS and Windows. Node has no API that writes a
// certificate, so this encodes the few X.509 structures it needs in DER (RFC 5280), and signs them with the CA's key.
// CommonJS, built-ins only: jest's globalSetup requires it, and `node scripts/make-test-certs.cjs` runs it.
const { createHash, generateKeyPairSync, randomBytes, sign } = require('node:crypto')
const { existsSync, mkdirSync, renameSync, statSync, writeFileSync } = require('node:fs')
const { isIPv6 } = require('node:net')
const { join } = require('node:path')

const DIR = join(__dirname, '..', 'harness', '.tls')
const DNS_NAMES = ['open.feishu.cn', 'open.larksuite.com', 'feishu-sandbox.invalid', 'localhost']
const IP_ADDRESSES = ['127.0.0.1', '::1']
const DAYS = 3650

// DER: a tag, a definite length, the content.
function tlv(tag, ...content) {
  const body = Buffer.concat(content)
  let length
  if (body.length < 0x80) length = Buffer.from([body.length])
  else {
    const bytes = []
    for (let n = body.length; n > 0; n >>= 8) bytes.unshift(n & 0xff)
    length = Buffer.from([0x80 | bytes.length, ...bytes])
  }
  return Buffer.concat([Buffer.from([tag]), length, body])
}
const sequence = (...items) => tlv(0x30, ...items)
const set = (...items) => tlv(0x31, ...items)
const explicit = (n, item) => tlv(0xa0 | n, item)
const octets = bytes => tlv(0x04, bytes)
const bits = bytes => tlv(0x03, Buffer.from([0]), bytes)
const TRUE = tlv(0x01, Buffer.from([0xff]))
const NULL = tlv(0x05)

function integer(bytes) {
  // Two's complement: a leading 1 bit would make it negative.
  return tlv(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes)
}

function oid(dotted) {
  const [first, second, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const base128 = [arc & 0x7f]
    for (let n = arc >> 7; n > 0; n >>= 7) base128.unshift(0x80 | (n & 0x7f))
    bytes.push(...base128)
  }
  return tlv(0x06, Buffer.from(bytes))
}

// UTCTime, good until 2049: YYMMDDHHMMSSZ.
const utcTime = date => tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`))
const commonName = name => sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(name)))))
const extension = (id, value, critical = false) => sequence(oid(id), ...(critical ? [TRUE] : []), octets(value))
const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), NULL)

function ipBytes(address) {
  if (!isIPv6(address)) return Buffer.from(address.split('.').map(Number))
  const [head, tail = ''] = address.split('::')
  const groups = s => (s === '' ? [] : s.split(':').map(g => Number.parseInt(g, 16)))
  const left = groups(head)
  const right = groups(tail)
  const all = [...left, ...Array(8 - left.length - right.length).fill(0), ...right]
  return Buffer.from(all.flatMap(g => [g >> 8, g & 0xff]))
}

/** One certificate: `subject`'s public key, signed by `issuer` (itself for the CA). */
function certificate({ subject, publicKey, issuer, signingKey, issuerKeyId, extensions }) {
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const keyId = createHash('sha1').update(spki).digest()
  const now = Date.now()
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(randomBytes(16)),
    SHA256_WITH_RSA,
    commonName(issuer),
    sequence(utcTime(new Date(now - 24 * 3600 * 1000)), utcTime(new Date(now + DAYS * 24 * 3600 * 1000))),
    commonName(subject),
    spki,
    explicit(
      3,
      sequence(...extensions, extension('2.5.29.14', octets(keyId)), extension('2.5.29.35', sequence(tlv(0x80, issuerKeyId ?? keyId))))
    )
  )
  const der = sequence(tbs, SHA256_WITH_RSA, bits(sign('sha256', tbs, signingKey)))
  return { pem: pem('CERTIFICATE', der), keyId }
}

function pem(label, der) {
  const lines = der.toString('base64').match(/.{1,64}/g)
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

function makeTestCerts(dir = DIR) {
  const done = ['ca.crt', 'server.crt', 'server.key'].every(file => existsSync(join(dir, file)) && statSync(join(dir, file)).size > 0)
  if (done) return
  mkdirSync(dir, { recursive: true })
  const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 })
  const ca = rsa()
  const server = rsa()
  const caName = 'feishu-token-action test CA'
  const caCert = certificate({
    subject: caName,
    publicKey: ca.publicKey,
    issuer: caName,
    signingKey: ca.privateKey,
    extensions: [
      extension('2.5.29.19', sequence(TRUE), true), // basicConstraints: CA
      extension('2.5.29.15', tlv(0x03, Buffer.from([1, 0x06])), true) // keyUsage: keyCertSign, cRLSign
    ]
  })
  const names = [...DNS_NAMES.map(name => tlv(0x82, Buffer.from(name))), ...IP_ADDRESSES.map(address => tlv(0x87, ipBytes(address)))]
  const serverCert = certificate({
    subject: 'open.feishu.cn',
    publicKey: server.publicKey,
    issuer: caName,
    signingKey: ca.privateKey,
    issuerKeyId: caCert.keyId,
    extensions: [
      extension('2.5.29.19', sequence(), true), // basicConstraints: not a CA
      extension('2.5.29.15', tlv(0x03, Buffer.from([5, 0xa0])), true), // keyUsage: digitalSignature, keyEncipherment
      extension('2.5.29.37', sequence(oid('1.3.6.1.5.5.7.3.1'))), // extendedKeyUsage: serverAuth
      extension('2.5.29.17', sequence(...names)) // subjectAltName
    ]
  })
  // Each file whole or not at all, the server's first: ca.crt appearing last marks the set complete.
  const write = (file, text, mode = 0o644) => {
    const part = join(dir, `${file}.${process.pid}.part`)
    writeFileSync(part, text, { mode })
    renameSync(part, join(dir, file))
  }
  write('server.key', server.privateKey.export({ type: 'pkcs8', format: 'pem' }), 0o600)
  write('server.crt', serverCert.pem)
  write('ca.crt', caCert.pem)
}

module.exports = { makeTestCerts }
if (require.main === module) makeTestCerts()
