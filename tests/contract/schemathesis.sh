#!/usr/bin/env bash
# The API against its own description: schemathesis (pinned, in a private virtual environment) sends
# generated requests to every operation of a running service and checks that no answer is a server
# error and every answer matches a documented status, content type and schema. A bounded number of
# examples per operation keeps it to a few minutes. Event streams are left out (they never end).
# Usage: tests/contract/schemathesis.sh [path to the screenjudge binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-${CARGO_TARGET_DIR:-target}/debug/screenjudge}
venv=${CARGO_TARGET_DIR:-target}/schemathesis-venv
if [ -n "${SCHEMATHESIS_VENV:-}" ]; then venv=$SCHEMATHESIS_VENV; fi
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis==4.32.5
fi
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=contract-operator
"$binary" serve --addr "127.0.0.1:$port" --db "$dir/contract.db" --token "$token" --no-probes \
  --submits-per-minute 1000 --runs-per-minute 1000 --drafts-per-minute 1000 2> "$dir/server.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
until python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health')" 2>/dev/null; do sleep 0.2; done
# One real session; its links go to the token routes (see schemathesis.toml).
read -r SJ_CANDIDATE SJ_INTERVIEWER < <(python3 - "$port" "$token" <<'PY'
import json, sys, urllib.request
port, token = sys.argv[1], sys.argv[2]
body = json.dumps({"candidate_name": "Contract", "level": "mid", "problem": "dedupe"}).encode()
request = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions", data=body, method="POST",
                                 headers={"content-type": "application/json", "authorization": f"Bearer {token}"})
created = json.load(urllib.request.urlopen(request))
print(created["candidate_token"], created["interviewer_token"])
PY
)
export SJ_CANDIDATE SJ_INTERVIEWER
config=$(pwd)/tests/contract/schemathesis.toml
venv=$(cd "$venv" && pwd)
# From the scratch folder: schemathesis keeps a cache of what it found in the working directory.
cd "$dir"
"$venv/bin/schemathesis" --config-file "$config" run "http://127.0.0.1:$port/api/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path-regex '/events$' \
  --phases examples,coverage,fuzzing \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --seed 18 --request-timeout 60 \
  --generation-database none --no-color
