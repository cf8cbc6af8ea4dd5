#!/usr/bin/env bash
# Prints the notes of release X.Y.Z: its section of CHANGELOG.md, without the heading. Fails when there are none.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/release-notes.sh X.Y.Z}
notes=$(awk -v v="$version" '
  /^## \[/ { inside = index($0, "## [" v "]") == 1; next }
  /^\[[^]]+\]: / { next }
  inside { print }
' CHANGELOG.md | sed -e '/./,$!d')
[ -n "$(tr -d '[:space:]' <<<"$notes")" ] || { echo "CHANGELOG.md has no notes under '## [$version]'." >&2; exit 1; }
printf '%s\n' "$notes"
