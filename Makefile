# Two commands matter: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP_FLAGS := --disable-pip-version-check --quiet

.PHONY: run test lint typecheck unit bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes.
# compileall: the bot's bytecode is written once here, so start-up never recompiles it, even where
# PYTHONDONTWRITEBYTECODE is set.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install $(PIP_FLAGS) -e .
	$(BIN)/python -m compileall -q bot
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install $(PIP_FLAGS) -e '.[test]'
	$(BIN)/python -m compileall -q bot
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/pactbot run

lint: install-test
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/pactbot check facts/pact.yaml
	$(BIN)/pactbot eval facts/questions/pact.yaml --min 1.0

typecheck: install-test
	$(BIN)/mypy

unit: install-test
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: install-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
