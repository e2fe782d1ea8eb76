# Everything runs from a local virtualenv (.venv) and local node_modules; `make install` makes both.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SPEC   ?= spec/flexie-api.json
OUT    ?= generated
STAMP  := $(VENV)/.installed
PY_STAMP := $(VENV)/.python-installed

export SCARF_ANALYTICS := false

.PHONY: help install generate check-generated lint typecheck test check demo bench docs docs-serve ops-table spec-diff clean

help:
	@echo "make install          create .venv, install flexie editable with every extra, npm ci"
	@echo "make test             run the whole test suite (installs first; what CI runs)"
	@echo "make check            lint + typecheck + check-generated + test"
	@echo "make generate         regenerate generated/ from SPEC (default spec/flexie-api.json), OUT=dir to write elsewhere,"
	@echo "                      and flexie/_sync/ from flexie/_async/"
	@echo "make check-generated  fail when generated/ or flexie/_sync/ differs from a fresh generation"
	@echo "make demo             guided tour against an embedded fake Flexie"
	@echo "make bench            benchmarks, written to benchmarks/results.md"
	@echo "make docs             build the documentation into site/ (strict; operations table checked)"
	@echo "make ops-table        rewrite docs/operations.md from the spec and the facade"
	@echo "make spec-diff NEW=f  compare a new vendor spec with spec/"

install: $(STAMP)

# Python side: the venv, and flexie editable with every extra.
$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,testing,cli,http2,sqlite,redis,dlt]'
	touch $(PY_STAMP)

# System side: the tests of the shared rate limit start a real redis-server (Debian: as root in CI).
REDIS_SERVER := $(shell command -v redis-server 2>/dev/null)
ifeq ($(REDIS_SERVER),)
$(STAMP): redis-server
endif

.PHONY: redis-server
redis-server:
	command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)

# Node side (swagger2openapi for make generate, Prism for the contract tests), pinned by package-lock.json.
$(STAMP): $(PY_STAMP) package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

generate: $(STAMP)
	$(BIN)/python scripts/generate.py --spec $(SPEC) --out $(OUT)
	$(BIN)/python scripts/unasync.py

check-generated: $(STAMP)
	$(BIN)/python scripts/generate.py --check --spec $(SPEC) --out $(OUT)
	$(BIN)/python scripts/unasync.py --check

lint: $(STAMP)
	$(BIN)/ruff check flexie tests scripts benchmarks examples
	$(BIN)/ruff format --check flexie tests scripts benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/python -m pytest

check: lint typecheck check-generated test

demo: $(PY_STAMP)
	$(BIN)/python examples/tour.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks

docs: $(PY_STAMP)
	$(BIN)/python scripts/ops_table.py --check
	$(BIN)/mkdocs build --strict

ops-table: $(PY_STAMP)
	$(BIN)/python scripts/ops_table.py

docs-serve: $(PY_STAMP)
	$(BIN)/mkdocs serve

spec-diff: $(STAMP)
	@test -n "$(NEW)" || { echo "usage: make spec-diff NEW=path/to/flexie-api.json" >&2; exit 2; }
	$(BIN)/python scripts/spec_diff.py --old spec/flexie-api.json --new $(NEW)

clean:
	rm -rf $(VENV) node_modules site dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
