#!/usr/bin/env bash
# Stops the code-server that start-code-server.sh started from a run folder: its whole process group
# (setsid made its pid the group id), so the file watcher and extension hosts go too.
#   env: E2E_DIR (default <repo>/.vscode-e2e)  RUN (default $E2E_DIR/run)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=${RUN:-${E2E_DIR:-$ROOT/.vscode-e2e}/run}
pid=$(cat "$RUN/code-server.pid" 2>/dev/null) || exit 0
rm -f "$RUN/code-server.pid"
kill -TERM -- "-$pid" 2>/dev/null || exit 0
for _ in $(seq 1 50); do
  kill -0 -- "-$pid" 2>/dev/null || exit 0
  sleep 0.1
done
kill -KILL -- "-$pid" 2>/dev/null
exit 0
