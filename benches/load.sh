#!/usr/bin/env bash
# Starts the service (release build, fresh database) on a free loopback port and drives it with
# benches/load.py from a second process. Arguments: [candidates] [seconds].
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p screenjudge
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=load-test-operator
"${CARGO_TARGET_DIR:-target}/release/screenjudge" serve --addr "127.0.0.1:$port" --db "$dir/load.db" --token "$token" \
  --submits-per-minute 6 --runs-per-minute 30 2> "$dir/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health')" 2>/dev/null; do sleep 0.2; done
python3 benches/load.py "http://127.0.0.1:$port" "$token" "${1:-50}" "${2:-120}"
