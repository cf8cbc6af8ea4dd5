#!/usr/bin/env bash
# Makes the test-only CA and server certificate in test/fixtures/tls (valid for 100 years).
# They let the sandbox speak real TLS as open.feishu.cn / open.larksuite.com (and feishu-sandbox.invalid,
# a name no resolver knows) behind a local proxy.
# Never trusted anywhere but in the tests, through NODE_EXTRA_CA_CERTS.
set -euo pipefail
dir=$(cd "$(dirname "$0")/../test/fixtures/tls" && pwd)
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj '/CN=feishu-token-action test CA' \
  -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj '/CN=open.feishu.cn' -keyout server.key -out server.csr 2>/dev/null
printf 'subjectAltName=DNS:open.feishu.cn,DNS:open.larksuite.com,DNS:feishu-sandbox.invalid,DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\n' > ext.cnf
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 36500 -extfile ext.cnf -out server.crt 2>/dev/null
rm -f server.csr ext.cnf ca.srl ca.key
echo "wrote $dir/{ca.crt,server.crt,server.key}"
