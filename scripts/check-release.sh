#!/usr/bin/env bash
# Checks that tag vX.Y.Z is a release commit made by scripts/release.sh: package.json says X.Y.Z, CHANGELOG.md has
# notes for it, and scope-gate.yml runs the action at a full commit SHA whose action (action.yml and dist/) is
# exactly the tag's. The release workflow runs it before it publishes anything.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:?usage: scripts/check-release.sh vX.Y.Z}
[[ $tag =~ ^v([0-9]+\.[0-9]+\.[0-9]+)$ ]] || { echo "$tag is not a release tag (vX.Y.Z)." >&2; exit 1; }
version=${BASH_REMATCH[1]}
fail() { echo "$tag: $1" >&2; exit 1; }

# No node or npm here: the release workflow's publishing job runs no package-manager code.
[ "$(git show "$tag:package.json" | sed -nE 's/^  "version": "([^"]+)",?$/\1/p')" = "$version" ] ||
  fail "package.json does not say $version."
# Run from a checkout of the tag (as the release workflow is).
[ "$(git rev-parse HEAD)" = "$(git rev-parse "$tag^{commit}")" ] || fail "check it from a checkout of the tag."
bash scripts/release-notes.sh "$version" >/dev/null || fail "CHANGELOG.md has no notes for $version."
pinned=$(git show "$tag:.github/workflows/scope-gate.yml" | sed -nE 's#^ +uses: feishu-actions/tenant-token-action@([0-9a-f]{40})( .*)?$#\1#p')
[ -n "$pinned" ] || fail "scope-gate.yml does not run the action at a full commit SHA."
git merge-base --is-ancestor "$pinned" "$tag" || fail "scope-gate.yml runs the action at $pinned, which is not in the tag's history."
git diff --quiet "$pinned" "$tag" -- action.yml dist ||
  fail "the action at $pinned (which scope-gate.yml runs) differs from the action at the tag."
echo "$tag: a release commit; scope-gate.yml runs the action at $pinned, the same action."
