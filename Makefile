# Hearth: the two commands a new user runs are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := var/demo.sqlite3
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/)

.PHONY: demo demo-reset test lint audit docs venv clean bench-load

$(BIN)/.installed-base: requirements/base.txt requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/base.txt -c requirements/constraints.txt
	@touch $@

$(BIN)/.installed-test: $(BIN)/.installed-base requirements/test.txt requirements/constraints.txt
	$(BIN)/python -m pip install --quiet -r requirements/test.txt -c requirements/constraints.txt
	@touch $@

## The DfE's validators (the 903 and CIN census), in their own virtual environment: they pin old
## pandas and numpy, so they are never installed into .venv; Hearth calls them through a subprocess.
VALIDATORS := .venv-validators
$(VALIDATORS)/bin/.installed: requirements/validators.txt
	@test -x $(VALIDATORS)/bin/python || $(PYTHON) -m venv $(VALIDATORS)
	$(VALIDATORS)/bin/python -m pip install --quiet --upgrade pip
	$(VALIDATORS)/bin/python -m pip install --quiet -r requirements/validators.txt
	@touch $@

## A real OpenID provider (panva's oidc-provider, under node) for the tests of sign-in through the
## council's directory (hearth/accounts/tests/test_sso.py): pinned by its package-lock.json.
OIDC_PROVIDER := tests/oidc-provider
$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --silent
	@touch $@

venv: $(BIN)/.installed-test $(VALIDATORS)/bin/.installed

## The demo: a synthetic council in an embedded SQLite database, served on http://127.0.0.1:8000
demo: $(BIN)/.installed-base $(VALIDATORS)/bin/.installed
	@if [ ! -f $(DEMO_DB) ]; then \
	  echo "Building the demo council in $(DEMO_DB) (a few minutes, once)..."; \
	  mkdir -p var && rm -f $(DEMO_DB).tmp && \
	  HEARTH_SQLITE_PATH=$(DEMO_DB).tmp $(BIN)/python manage.py migrate --verbosity 0 && \
	  HEARTH_SQLITE_PATH=$(DEMO_DB).tmp $(BIN)/python manage.py simulate && \
	  mv $(DEMO_DB).tmp $(DEMO_DB); \
	fi
	@HEARTH_SQLITE_PATH=$(DEMO_DB) $(BIN)/python manage.py migrate --verbosity 0
	@HEARTH_SQLITE_PATH=$(DEMO_DB) $(BIN)/python manage.py demo_logins
	@echo "Hearth is at http://127.0.0.1:8000/ (Ctrl-C stops it; 'make demo-reset' rebuilds the council)"
	@# The background worker runs beside the server, as in production (docs/operations.md), so that a
	@# return run from the Returns page shows its progress; it stops with the server.
	HEARTH_SQLITE_PATH=$(DEMO_DB) $(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  HEARTH_REQUIRE_SECOND_FACTOR=0 HEARTH_SQLITE_PATH=$(DEMO_DB) $(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload

demo-reset:
	rm -f $(DEMO_DB)
	$(MAKE) demo

## The load test (docs/performance.md, "Under load"): locust, in a virtual environment of its own, against
## gunicorn on 127.0.0.1 over the demo council in PostgreSQL (database hearth_load, built once)
.venv-load/.installed: bench/load/requirements.txt
	@test -x .venv-load/bin/python || $(PYTHON) -m venv .venv-load
	.venv-load/bin/python -m pip install --quiet -r bench/load/requirements.txt
	@touch $@

bench-load: $(BIN)/.installed-base .venv-load/.installed
	bench/load/run.sh

## The tests, on a throwaway PostgreSQL database on the server at DATABASE_URL
test: $(BIN)/.installed-test $(VALIDATORS)/bin/.installed $(OIDC_PROVIDER)/node_modules/.package-lock.json
	@scripts/ensure-chromium
	@DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python scripts/check-postgres.py
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/audit-dependencies.py
	DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest

lint: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## pip-audit on every installed package; fails on a known vulnerability, and on packages it could not
## look up when HEARTH_REQUIRE_DEPENDENCY_AUDIT=1 (docs/security.md)
audit: $(BIN)/.installed-test
	$(BIN)/python scripts/audit-dependencies.py

## Regenerate docs/timescales.md and docs/indicators.md from the rules table and the catalogue
docs: $(BIN)/.installed-base
	$(BIN)/python manage.py timescales_doc > docs/timescales.md
	$(BIN)/python manage.py indicators_doc > docs/indicators.md

clean:
	rm -rf $(VENV) $(VALIDATORS) var
