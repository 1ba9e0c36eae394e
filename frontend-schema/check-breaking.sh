#!/usr/bin/env bash
# check-breaking.sh — fail when frontend-schema/schema.graphql breaks the API
# contract without saying so in frontend-schema/CHANGELOG.md.
#
# It compares the schema in the working tree with the one in the previous
# commit (BASE, default HEAD~1) using `graphql-inspector diff`. Every
# breaking change has a schema path (Query.ministries, Ministry.shortName,
# Query.roadmap.from, DuplicateCandidate, …). The check passes when every such
# path is mentioned in backticks — `Query.ministries` — in the CHANGELOG's
# current section: from its first "## " heading (the current version, e.g.
# "## Unreleased" or "## 0.2.0 — 2025-12-01") to the next one. Dangerous and
# safe changes are listed, never fatal. With no previous version of the schema
# (first commit, a shallow clone, a new file) there is nothing to compare: it
# passes. `make check-breaking` runs it; `make types` installs graphql-inspector.
#
# Usage: frontend-schema/check-breaking.sh [BASE]   (BASE: a commit, default HEAD~1)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
base="${1:-${BASE:-HEAD~1}}"
schema=schema.graphql
changelog=CHANGELOG.md
inspector="$here/node_modules/.bin/graphql-inspector"

if [ ! -x "$inspector" ]; then
  echo "check-breaking: $inspector is missing: run make types (npm ci) first" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

prefix="$(git rev-parse --show-prefix)" # frontend-schema/
if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  echo "check-breaking: no commit $base (first commit or shallow clone): nothing to compare, pass"
  exit 0
fi
if ! git show "$base:$prefix$schema" >"$tmp/old.graphql" 2>/dev/null; then
  echo "check-breaking: $base has no $prefix$schema: nothing to compare, pass"
  exit 0
fi

# graphql-inspector prints the changes; the completion handler writes the
# breaking ones as "path<TAB>message" lines for the comparison below.
cat >"$tmp/on-complete.cjs" <<'JS'
const fs = require('fs');
module.exports = ({ breakingChanges }) => {
  const lines = breakingChanges.map((c) => `${c.path || '(no path)'}\t${c.message}`);
  fs.writeFileSync(process.env.KARTA_BREAKING_OUT, lines.map((l) => l + '\n').join(''));
};
JS
: >"$tmp/breaking.tsv"
echo "check-breaking: $prefix$schema at $base → working tree"
KARTA_BREAKING_OUT="$tmp/breaking.tsv" "$inspector" diff "$tmp/old.graphql" "$schema" \
  --onComplete "$tmp/on-complete.cjs"

if [ ! -s "$tmp/breaking.tsv" ]; then
  echo "check-breaking: no breaking changes"
  exit 0
fi

# The current version's section of the CHANGELOG: first "## " heading to the next.
section=""
if [ -f "$changelog" ]; then
  section="$(awk '/^## /{n++} n==1' "$changelog")"
fi
heading="$(printf '%s\n' "$section" | head -n1)"

missing=0
while IFS=$'\t' read -r path message; do
  if [ -n "$section" ] && grep -qF -- "\`$path\`" <<<"$section"; then
    echo "  recorded:     $path — $message"
  else
    echo "  NOT RECORDED: $path — $message"
    missing=$((missing + 1))
  fi
done <"$tmp/breaking.tsv"

if [ "$missing" -gt 0 ]; then
  cat >&2 <<EOF
check-breaking: FAIL: $missing breaking change(s) not recorded in $prefix$changelog.
Record each under the current version's heading (${heading:-"## Unreleased", at the top}) with its
path in backticks, e.g.:
  - \`Query.ministries\` removed: use \`Query.maps\` instead.
or make the change non-breaking (add fields, deprecate with @deprecated, keep old ones).
EOF
  exit 1
fi
echo "check-breaking: every breaking change is recorded under \"$heading\""
