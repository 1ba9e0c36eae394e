#!/usr/bin/env bash
# Runs the graphql-http audit against a real `karta serve` on an empty
# SQLite database in a temporary folder. AUDIT_ADDR picks the address
# (default 127.0.0.1:18099). Fails on any MUST or SHOULD failure.
set -euo pipefail
cd "$(dirname "$0")"
addr="${AUDIT_ADDR:-127.0.0.1:18099}"
tmp="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
go build -o "$tmp/karta" ../../cmd/karta
ADDR="$addr" KARTA_SQLITE="$tmp/karta.db" KARTA_SEED=false "$tmp/karta" serve >"$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://$addr/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$tmp/serve.log"; echo "karta serve exited" >&2; exit 1; fi
  sleep 1
done
if ! node audit.mjs "http://$addr/graphql"; then
  echo "--- karta serve log (last 40 lines)" >&2
  tail -n 40 "$tmp/serve.log" >&2
  exit 1
fi
