#!/usr/bin/env bash
# Packages the extension with `npm run package` (production build, then vsce) into OUT, run in a
# temporary staging folder laid out like the repo: the production bundles never overwrite the
# development build in dist/, which the other end-to-end tests load unpackaged (maybe at this moment,
# from another test run).
#   usage: scripts/e2e/package-vsix.sh OUT.vsix
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(realpath -m "${1:?usage: package-vsix.sh OUT.vsix}")
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/substep-vsix-XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
cd "$ROOT"

# What .vscodeignore lets into the package, and what `npm list` (vsce's dependency walk) and the
# build read. esbuild.mjs and buildTypes.mjs are copies, not links: they write dist/ next to
# themselves, and node would follow a link back to the repo's dist/.
cp -r package.json package-lock.json .npmrc .vscodeignore README.md LICENSE esbuild.mjs media snippets tsserver-plugin "$STAGE/"
mkdir -p "$STAGE/scripts" "$STAGE/node_modules"
cp scripts/buildTypes.mjs "$STAGE/scripts/"
cp -r node_modules/esbuild node_modules/@esbuild node_modules/substep-tsserver-plugin "$STAGE/node_modules/"
# The sources are links: esbuild follows them to the real files, so their imports resolve in the
# repo's node_modules and tsconfig.json exactly as in a build in the repo.
ln -s "$ROOT/src" "$ROOT/webview" "$STAGE/"

cd "$STAGE"
# vsce is the repo's devDependency; the staging folder has only the packaged dependencies.
PATH="$ROOT/node_modules/.bin:$PATH" npm run --silent package >package.log 2>&1 || { cat package.log >&2; exit 1; }
mkdir -p "$(dirname "$OUT")" && mv substep.vsix "$OUT"
