#!/usr/bin/env bash
# Installs binaryen, pinned by package.json and package-lock.json beside this script, into DIR
# (DIR/node_modules/binaryen) with npm: the generator and reference interpreter of the
# differential fuzzer. Does nothing when that version is already there.
#   install_binaryen.sh DIR
# Exit status 77 (skipped) without node or npm.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:?usage: install_binaryen.sh DIR}
for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool is not installed (the differential fuzzer runs binaryen under node)"
    exit 77
  fi
done
wanted=$(node -p "require('$here/package.json').dependencies.binaryen")
installed=$(node -p "try { require('$dir/node_modules/binaryen/package.json').version } catch (e) { '' }")
if [ "$installed" = "$wanted" ]; then
  echo "binaryen $installed is installed in $dir"
  exit 0
fi
mkdir -p "$dir"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
echo "installed binaryen $wanted in $dir: $("$dir/node_modules/binaryen/bin/wasm-opt" --version)"
