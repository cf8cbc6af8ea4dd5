#!/usr/bin/env bash
# Run first by every npm script that needs the project's Node 24 (node_modules/node, from the `node` dev
# dependency, whose install script fetches it). Without it a script would fail midway or wait forever, so it stops
# here at once and says which install step is missing. Plain bash: whatever Node runs npm, or none.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
node="$root/node_modules/node/bin/node"
if ! version=$("$node" --version 2>/dev/null) || [[ $version != v24.* ]]; then
  echo "The project's Node 24 is not installed (node_modules/node/bin/node). The 'node' dev dependency installs it in" >&2
  echo "its install script, which 'npm ci --ignore-scripts' skips. Run 'npm ci' (without --ignore-scripts), or" >&2
  echo "'npm rebuild node', then try again." >&2
  exit 1
fi
