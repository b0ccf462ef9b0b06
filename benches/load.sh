#!/usr/bin/env bash
# Starts the service (release build unless SCREENJUDGE_BIN names a binary) on free loopback ports and
# drives it with benches/load.py from a second process.
# Arguments: [candidates] [seconds] [database] [worker nodes]
#   database: a SQLite file path (default: a fresh one) or a postgres:// URL (its tables are emptied first);
#   worker nodes: 0 (default) runs one node doing everything; N>0 runs one API node and N worker nodes
#   (PostgreSQL only: SQLite is one node).
set -euo pipefail
cd "$(dirname "$0")/.."
candidates=${1:-50}
seconds=${2:-120}
dir=$(mktemp -d)
database=${3:-$dir/load.db}
nodes=${4:-0}
if [ -z "${SCREENJUDGE_BIN:-}" ]; then
  cargo build --release -p screenjudge
  SCREENJUDGE_BIN="${CARGO_TARGET_DIR:-target}/release/screenjudge"
fi
if [[ "$database" == postgres* ]]; then
  psql "$database" -q -c 'DROP TABLE IF EXISTS jobs, sheets, submissions, drafts, sessions, settings, schema_version CASCADE' >/dev/null
elif [ "$nodes" != 0 ]; then
  echo "several nodes need a postgres:// database" >&2
  exit 2
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
token=load-test-operator
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
serve() { # role port ("all" passes no --role, so older binaries run too)
  local role=()
  [ "$1" = all ] || role=(--role "$1")
  "$SCREENJUDGE_BIN" serve "${role[@]}" --addr "127.0.0.1:$2" --db "$database" --token "$token" \
    --submits-per-minute 6 --runs-per-minute 30 2>> "$dir/server-$1-$2.log" &
  pids+=($!)
  until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$2/health')" 2>/dev/null; do sleep 0.2; done
}
port=$(free_port)
if [ "$nodes" = 0 ]; then
  serve all "$port"
else
  serve api "$port"
  for _ in $(seq "$nodes"); do serve worker "$(free_port)"; done
fi
echo "database: ${database%%\?*} ($( [[ "$database" == postgres* ]] && echo PostgreSQL || echo SQLite )), nodes: $( [ "$nodes" = 0 ] && echo 'one (api and workers)' || echo "one api + $nodes workers")"
python3 benches/load.py "http://127.0.0.1:$port" "$token" "$candidates" "$seconds"
