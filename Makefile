# One place for the commands a newcomer and CI run.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo check

$(BIN)/longarm: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[dev]'
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
