#!/usr/bin/env bash
# Prepares release X.Y.Z on a clean checkout: two commits and a tag, then says what to push.
#   1. "Release X.Y.Z": package.json at X.Y.Z (the action as it will be released).
#   2. "Release X.Y.Z: pin the reusable workflow": scope-gate.yml runs the action at commit 1's full SHA, so a
#      caller who pins scope-gate.yml to vX.Y.Z (or its SHA) runs the action of this same release, not whatever
#      @v1 points at later. Commit 2 changes nothing else: the action at the tag is the action at commit 1.
# The tag vX.Y.Z goes on commit 2. Pushing it runs .github/workflows/release.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: scripts/release.sh X.Y.Z" >&2; exit 2; }
tag="v$version"
[ -z "$(git status --porcelain)" ] || { echo "The work tree is not clean: commit or stash first." >&2; exit 1; }
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || { echo "Tag $tag exists already." >&2; exit 1; }
bash scripts/release-notes.sh "$version" >/dev/null

if [ "$(node -p 'require("./package.json").version')" != "$version" ]; then
  npm version --no-git-tag-version "$version" >/dev/null
  git commit -q -m "Release $version" -- package.json package-lock.json
fi
action_sha=$(git rev-parse HEAD)

workflow=.github/workflows/scope-gate.yml
sed -E -i "s#^( +uses: feishu-actions/tenant-token-action)@[^ ]+( +\#.*)?\$#\\1@$action_sha  \# $tag#" "$workflow"
git diff --quiet -- "$workflow" && { echo "Found no 'uses: feishu-actions/tenant-token-action@...' line in $workflow." >&2; exit 1; }
git commit -q -m "Release $version: pin the reusable workflow to the action at $action_sha" -- "$workflow"
git tag -a "$tag" -m "$tag"
bash scripts/check-release.sh "$tag"
echo "Tagged $tag. Push it with: git push origin HEAD $tag"
