# Karta — run `make help` for the targets.
SHELL := /bin/bash
GO    ?= go
PKGS  ?= ./...
# Tests on both databases; PostgreSQL URL for the throwaway test databases.
KARTA_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
export KARTA_TEST_POSTGRES_URL

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Regenerate ent, the GraphQL layer (gqlgen with Karta's executor templates, graph/serialexec/gen) and frontend-schema/schema.graphql (in that order).
	cd ent && $(GO) run -mod=mod entc.go
	$(GO) run ./graph/cmd/gqlgen
	$(GO) run ./graph/cmd/printschema > frontend-schema/schema.graphql.tmp
	mv frontend-schema/schema.graphql.tmp frontend-schema/schema.graphql

.PHONY: migration
migration: ## Write the next versioned migration of both databases from ent/schema: make migration NAME=add_x (PostgreSQL dev database on KARTA_DEV_POSTGRES_URL).
	@test -n "$(NAME)" || { echo "usage: make migration NAME=what_it_does"; exit 2; }
	$(GO) run ./migrations/generate -name $(NAME)

.PHONY: run
run: ## Serve the seeded catalog on SQLite (karta.db here); GraphiQL at http://localhost:8080/.
	$(GO) run ./cmd/karta serve

.PHONY: build
build: ## Build bin/karta.
	$(GO) build -o bin/karta ./cmd/karta

.PHONY: test
test: test-sqlite test-postgres ## Run the test suite on SQLite, then on PostgreSQL.

.PHONY: test-sqlite
test-sqlite: ## Run the test suite on SQLite (RACE=-race adds the race detector).
	KARTA_TEST_DB=sqlite $(GO) test $(RACE) -count=1 $(PKGS)

.PHONY: test-race
test-race: ## Run the test suite on SQLite with the race detector (CI: make test RACE=-race).
	$(MAKE) --no-print-directory test-sqlite RACE=-race

.PHONY: test-postgres
test-postgres: ## Run the test suite on PostgreSQL (throwaway databases; skips loudly if unreachable, fails in CI).
	@reachable=$$(KARTA_TEST_DB=postgres $(GO) test -count=1 -run '^TestPostgresReachable$$' -v ./server/storagetest/ 2>&1 | grep -c -- '--- PASS: TestPostgresReachable'); \
	if [ "$$reachable" = 0 ]; then echo '!!! PostgreSQL is unreachable: the PostgreSQL tests below will be SKIPPED (see KARTA_TEST_POSTGRES_URL)'; fi; \
	KARTA_TEST_DB=postgres $(GO) test -count=1 $(PKGS); rc=$$?; \
	if [ "$$reachable" = 0 ]; then \
	  printf '\n%s\n%s\n%s\n\n' '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' \
	    '!!! PostgreSQL was unreachable: every PostgreSQL test was SKIPPED !!!' \
	    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'; \
	fi; exit $$rc

FUZZTIME ?= 30s
FUZZ     ?=
# Packages compiled without -fuzz's coverage instrumentation (cmd/fuzzinstrument, go list
# patterns): SQLite transpiled from C and unicode's range tables, most of FuzzImport's CPU when
# instrumented and noise to the fuzzer. FUZZSKIP= instruments everything, as plain go test -fuzz.
# A new FUZZSKIP compiles every package once more (it is part of the build cache key).
FUZZSKIP ?= modernc.org/...,unicode
.PHONY: fuzz
fuzz: ## Run every go test -fuzz target (found by git grep) for FUZZTIME (default 30s; FUZZ=FuzzImport runs one; FUZZSKIP= instruments SQLite too); failing inputs land in the package's testdata/fuzz.
	@$(GO) build -o bin/fuzzinstrument ./cmd/fuzzinstrument
	@git grep -n '^func Fuzz[A-Za-z0-9_]*(' -- '*_test.go' | sed -E 's|^(.*)/[^/]*:[0-9]+:func (Fuzz[A-Za-z0-9_]*)\(.*|./\1/ \2|' | \
	{ ran=0; while read -r pkg name; do \
	  if [ -n "$(FUZZ)" ] && [ "$(FUZZ)" != "$$name" ]; then continue; fi; \
	  echo "== $$name ($$pkg, $(FUZZTIME))"; ran=1; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s \
	    $(if $(FUZZSKIP),-toolexec "$(CURDIR)/bin/fuzzinstrument -skip $(FUZZSKIP)") $$pkg </dev/null || exit 1; \
	done; [ $$ran = 1 ] || { echo "no fuzz target $(FUZZ)"; exit 1; }; }

.PHONY: bench
bench: ## Run the benchmarks (speed and memory goals live here, not in tests), then the 40-map import on PostgreSQL too.
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
	$(MAKE) --no-print-directory bench-import DBS=postgres

DBS ?= sqlite postgres
.PHONY: bench-import
bench-import: ## Import 40 maps into a growing catalog on SQLite and PostgreSQL: ms, MB, allocations and statements per map at maps 4–9 and 35–40, and their growth.
	@for db in $(DBS); do echo "== $$db"; KARTA_TEST_DB=$$db $(GO) test -run '^$$' -bench Import40 -benchtime=1x -benchmem ./seeds/synth/ || exit 1; done

# ---- bench-http: Karta vs PostGraphile v4 vs raw SQL over HTTP (not part of CI; ~10 min) ----
BENCH_PG   := cmd/benchhttp/postgraphile
BENCH_ARGS ?=

$(BENCH_PG)/node_modules/.package-lock.json: $(BENCH_PG)/package-lock.json
	cd $(BENCH_PG) && $(NPM) ci --no-audit --no-fund

.PHONY: bench-http
bench-http: $(BENCH_PG)/node_modules/.package-lock.json ## Side-by-side HTTP benchmark at 3 and 40 maps (wrk from apt, PostGraphile from npm; PostgreSQL at KARTA_TEST_POSTGRES_URL).
	@command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	$(GO) build -o bin/benchhttp ./cmd/benchhttp
	bin/benchhttp -postgres "$(KARTA_TEST_POSTGRES_URL)" $(BENCH_ARGS)

.PHONY: lint
lint: ## gofmt, go vet and staticcheck (a go tool of go.mod), on the whole repository.
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

.PHONY: audit
audit: ## Run the graphql-http audit (GraphQL over HTTP spec) against a fresh `karta serve` (Node.js, npm).
	server/audit/run.sh

.PHONY: check-generate
check-generate: ## Fail if `make generate` changes anything.
	@before=$$( (git diff HEAD; git status --porcelain) | sha256sum ); \
	$(MAKE) --no-print-directory generate; \
	after=$$( (git diff HEAD; git status --porcelain) | sha256sum ); \
	if [ "$$before" != "$$after" ]; then git --no-pager status --short; echo "generated code is stale: run make generate and commit"; exit 1; fi

# ---- frontend-schema: TypeScript types and the breaking-change check (Node 20+, npm) ----
FRONTEND ?= frontend-schema
NPM      ?= npm

# npm ci when node_modules is missing (or older than the lockfile).
$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund

.PHONY: types
types: $(FRONTEND)/node_modules/.package-lock.json ## Generate frontend-schema/generated/graphql.ts (graphql-codegen; npm ci first if needed).
	cd $(FRONTEND) && ./node_modules/.bin/graphql-codegen --config codegen.ts

.PHONY: check-types
check-types: ## Fail if `make types` changes frontend-schema/generated/graphql.ts, or it or examples/ do not type-check.
	@set -e; out=$(FRONTEND)/generated/graphql.ts; \
	before=$$(sha256sum $$out 2>/dev/null || true); \
	$(MAKE) --no-print-directory types; \
	after=$$(sha256sum $$out); \
	if [ "$$before" != "$$after" ]; then git --no-pager diff --stat -- $$out; echo "generated types are stale: run make types and commit"; exit 1; fi; \
	cd $(FRONTEND) && ./node_modules/.bin/tsc -p tsconfig.json

.PHONY: check-breaking
check-breaking: $(FRONTEND)/node_modules/.package-lock.json ## Fail on a breaking change of frontend-schema/schema.graphql since HEAD~1 not recorded in its CHANGELOG.md.
	$(FRONTEND)/check-breaking.sh

# ---- web/: the Karta Explorer and the bundled GraphiQL (Node 20.19+, npm) ----
WEB ?= web

$(WEB)/node_modules/.package-lock.json: $(WEB)/package-lock.json
	cd $(WEB) && $(NPM) ci --no-audit --no-fund

.PHONY: ui
ui: $(WEB)/node_modules/.package-lock.json ## Build the explorer into web/dist (npm ci first if needed); commit the result.
	cd $(WEB) && $(NPM) run --silent build

.PHONY: check-ui
check-ui: ## Fail if `make ui` changes the committed bundle web/dist.
	@before=$$( (git diff HEAD -- $(WEB)/dist; git status --porcelain --untracked-files=all -- $(WEB)/dist) | sha256sum ); \
	$(MAKE) --no-print-directory ui; \
	after=$$( (git diff HEAD -- $(WEB)/dist; git status --porcelain --untracked-files=all -- $(WEB)/dist) | sha256sum ); \
	if [ "$$before" != "$$after" ]; then git --no-pager status --short -- $(WEB)/dist; echo "the web bundle is stale: run make ui and commit web/dist"; exit 1; fi

.PHONY: test-ui
test-ui: $(WEB)/node_modules/.package-lock.json ## Component tests of the explorer (Vitest, jsdom).
	cd $(WEB) && ./node_modules/.bin/vitest run

.PHONY: e2e
e2e: $(WEB)/node_modules/.package-lock.json ## End-to-end tests: headless Chromium (/usr/bin/chromium) against a real karta serve on a fresh seeded SQLite catalog.
	cd $(WEB) && node e2e/run.mjs

.PHONY: ui-size
ui-size: ## Print the bundle sizes (gzipped); fail when the explorer's initial JS exceeds 300 KB.
	node $(WEB)/scripts/size.mjs $(WEB)/dist
