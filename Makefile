# File Keeper — `make help` lists the targets.
SHELL := /bin/bash
# The Go release everything is built with, go.mod's toolchain line: a machine whose Go is older
# (or set to GOTOOLCHAIN=local) gets it once from the module proxy.
export GOTOOLCHAIN ?= go1.26.11
GOBIN ?= $(shell go env GOPATH)/bin
SQLC_VERSION := v1.31.1
STATICCHECK_VERSION := v0.8.2
GOVULNCHECK_VERSION := v1.9.0
# The Go vulnerability database as a module (vuln.go.dev need not be reachable): its OSV files,
# indexed locally into the layout govulncheck reads (index/db.json, index/modules.json, ID/*.json).
VULNDB_VERSION := v0.0.0-20261105234957-e22db6528018
VULNDB_DIR := bin/vulndb-$(VULNDB_VERSION)
SQLC := $(GOBIN)/sqlc
STATICCHECK := $(GOBIN)/staticcheck
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
export TEST_DATABASE_URL

.PHONY: help run demo build test test-long test-short test-browser cover bench fuzz generate sqlc-check migrate-up migrate-down lint tools vuln

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

run: ## run the bot (needs BOT_TOKEN; DATABASE_URL optional)
	LOG_FORMAT=$${LOG_FORMAT:-console} go run ./cmd/filekeeper run

# As root the embedded PostgreSQL refuses to start, so demo then uses the server on 127.0.0.1:5432
# when one answers, in a database of its own (filekeeper_demo, created once).
DEMO_PG := postgres://postgres@127.0.0.1:5432
demo: ## try the bot in a browser, no token, no Telegram: the sandbox page at http://127.0.0.1:8080 (SANDBOX_ADDR)
	@if [ -z "$$DATABASE_URL" ] && [ "$$(id -u)" = 0 ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  psql "$(DEMO_PG)/postgres" -qAtc 'CREATE DATABASE filekeeper_demo' >/dev/null 2>&1 || true; \
	  export DATABASE_URL="$(DEMO_PG)/filekeeper_demo?sslmode=disable"; \
	  echo "demo: running as root: using PostgreSQL at 127.0.0.1:5432, database filekeeper_demo"; \
	fi; \
	go build -o bin/filekeeper ./cmd/filekeeper && LOG_FORMAT=$${LOG_FORMAT:-console} exec bin/filekeeper sandbox

build: ## build bin/filekeeper
	go build -o bin/filekeeper ./cmd/filekeeper

test: ## run every test (unit, PostgreSQL, Bot API stand-in, end to end) with the race detector
	go test -race -count=1 ./...

test-browser: ## the sandbox page in headless Chromium (needs chromium, node, npm and PostgreSQL; see e2e/browser)
	bash e2e/browser/run.sh

test-long: ## the 3-instance burst (cmd/filekeeper) to 10,000 chats instead of 300: about 7 minutes at 30 messages a second
	set -o pipefail; FILEKEEPER_BURST_CHATS=$${FILEKEEPER_BURST_CHATS:-10000} go test -count=1 -v -timeout 30m -run 'TestThreeInstancesKeepTheFloodLimitsTogetherThroughRedis' ./cmd/filekeeper/ | grep -E '^(---|ok|FAIL)|with Redis:|/stats:|Error'

test-short: ## run the tests without the race detector
	go test -count=1 ./...

cover: ## test coverage per package
	go test -count=1 -cover ./...

# The load benchmark: the built binary and the floor (a bare go-telegram/bot bot) fed through the
# local Bot API, polling and webhook, and the repository benchmarks (list paging, search on 1M
# files); figures in bench/results.md. BENCH_DURATION=10s for a short run; see bench/README.md.
bench: ## load and repository benchmarks, written to bench/results.md (not part of make test)
	go build -o bin/filekeeper ./cmd/filekeeper
	go build -o bin/floor ./bench/floor
	set -o pipefail; go test -run='^$$' -bench=. -benchmem -benchtime=$${BENCH_GO_TIME:-200x} ./... | tee bin/gobench.txt
	BENCH_GO_RESULTS=bin/gobench.txt go run ./bench/loadgen

# Every fuzz target of the code, as package:Target (a test in internal/layout checks none is missing).
FUZZ_TARGETS := \
	./internal/adapters/telegram/views:FuzzCallbackCodec \
	./internal/adapters/telegram/views:FuzzEncodeCallbackFits \
	./internal/adapters/telegram:FuzzMessageUpdates \
	./internal/adapters/telegram/updates:FuzzPeekUpdateID \
	./internal/adapters/telegram/updates:FuzzSplitAnswer \
	./internal/domain:FuzzCleanFileName \
	./internal/domain:FuzzValidateName \
	./internal/domain:FuzzCleanText
fuzz: ## run each fuzz target for 30 s (FUZZ_TIME)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $${t#*:} in $${t%%:*}"; \
	  go test -run='^$$' -fuzz="^$${t#*:}$$" -fuzztime=$${FUZZ_TIME:-30s} -fuzzminimizetime=200x "$${t%%:*}/"; \
	done

generate: tools ## regenerate the sqlc code from db/queries
	$(SQLC) generate

sqlc-check: tools ## check the committed sqlc code matches db/queries
	$(SQLC) diff
	$(SQLC) vet

migrate-up: ## apply pending migrations to DATABASE_URL
	go run ./cmd/filekeeper migrate up

migrate-down: ## roll back every migration of DATABASE_URL
	go run ./cmd/filekeeper migrate down

lint: tools ## gofmt, go vet, staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	go vet ./...
	$(STATICCHECK) ./...

vuln: $(VULNDB_DIR)/index/db.json ## govulncheck (pinned) of the code and its Go release, against a database built locally from the golang.org/x/vulndb module
	go run golang.org/x/vuln/cmd/govulncheck@$(GOVULNCHECK_VERSION) -db file://$(CURDIR)/$(VULNDB_DIR) ./...

$(VULNDB_DIR)/index/db.json:
	@osv="$$(cd "$${TMPDIR:-/tmp}" && go mod download -json golang.org/x/vulndb@$(VULNDB_VERSION) | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$$/\1/p')/data/osv"; \
	  [ -d "$$osv" ] || { echo "vuln: no data/osv in golang.org/x/vulndb@$(VULNDB_VERSION)"; exit 1; }; \
	  echo "vuln: indexing $$osv into $(VULNDB_DIR)"; \
	  rm -rf $(VULNDB_DIR) && go run golang.org/x/vulndb/cmd/indexdb@$(VULNDB_VERSION) -vulns "$$osv" -out $(VULNDB_DIR)

tools: ## install the pinned tools (sqlc, staticcheck)
	@[ "$$($(SQLC) version 2>/dev/null)" = "$(SQLC_VERSION)" ] || go install github.com/sqlc-dev/sqlc/cmd/sqlc@$(SQLC_VERSION)
	@$(STATICCHECK) -version 2>/dev/null | grep -q "$(STATICCHECK_VERSION)" || go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
