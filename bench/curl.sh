#!/usr/bin/env bash
# What a `run:` step would do instead: two curl calls (each a new process and a new connection) and jq.
set -euo pipefail
base=$1
opts=(${CURL_CA_BUNDLE:+--cacert "$CURL_CA_BUNDLE"})
# CURL_FLAGS: what a careful step adds, e.g. --max-time 10 --retry 3 (curl retries a timeout).
# shellcheck disable=SC2206
opts+=(${CURL_FLAGS:-})
token=$(curl -sS "${opts[@]}" -X POST -H 'content-type: application/json; charset=utf-8' \
  -d "{\"app_id\":\"$APP_ID\",\"app_secret\":\"$APP_SECRET\"}" \
  "$base/open-apis/auth/v3/tenant_access_token/internal" | jq -er .tenant_access_token)
curl -sS "${opts[@]}" -H "Authorization: Bearer $token" "$base/open-apis/application/v6/scopes" | jq -e '.code == 0' >/dev/null
