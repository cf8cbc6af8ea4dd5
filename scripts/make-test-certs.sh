#!/usr/bin/env bash
# Makes the test-only CA and server certificate in harness/.tls (git-ignored), unless they are there already.
# They let the sandbox speak real TLS as open.feishu.cn / open.larksuite.com (and feishu-sandbox.invalid, a name no
# resolver knows) behind a local proxy, and on 127.0.0.1 and ::1. Made when the tests start, never committed:
# a committed private key is what secret scanners flag. Trusted only by the tests, through NODE_EXTRA_CA_CERTS.
set -euo pipefail
dir="$(cd "$(dirname "$0")/.." && pwd)/harness/.tls"
[ -s "$dir/ca.crt" ] && [ -s "$dir/server.crt" ] && [ -s "$dir/server.key" ] && exit 0
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=feishu-token-action test CA' -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=open.feishu.cn' -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:open.feishu.cn,DNS:open.larksuite.com,DNS:feishu-sandbox.invalid,DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\n' >ext.cnf
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile ext.cnf -out server.crt 2>/dev/null
# The server files first: ca.crt appearing last marks the set complete.
mv server.key server.crt "$dir/"
mv ca.crt "$dir/"
