# One place for the commands a newcomer and CI run.
PY ?= python3
VENV := .venv
EXTRAS ?= dev
BIN := $(VENV)/bin

.PHONY: install demo check bench-env

$(BIN)/longarm: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	touch $(BIN)/longarm

install: $(BIN)/longarm

demo: install
	$(BIN)/longarm demo

check: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/longarm test ../shared/cases tests/cases
	$(BIN)/pytest

# The benchmark's logic-v2 baseline (nomenklatura) in its own environment: see bench/README.md.
bench-env:
	$(PY) -m venv .venv-bench
	.venv-bench/bin/pip install -q -r bench/requirements-logic-v2.txt
