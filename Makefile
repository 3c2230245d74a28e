# Set-up and the two everyday commands. `make demo` and `make test` create the
# virtualenv on first use, so each works on a fresh machine by itself.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# CPU build of torch first: argostranslate -> stanza -> torch would otherwise
	# pull a multi-GB CUDA build (see docs/translation.md).
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev,translate,fast,dask]'
	touch $(STAMP)

## Run newsfix on the bundled seed articles, once: the fixed texts and their
## traced results (JSON) go to build/demo/; a summary of what was done is printed.
demo: $(STAMP)
	@rm -rf build/demo
	@$(BIN)/newsfix batch --order input --no-progress fixtures/seeds -o build/demo/
	@echo "See one article's edits in context: $(BIN)/newsfix --diff fixtures/seeds/000_b7e7abdfc0897051.txt"

## The whole test suite (unit, property, doctest, CLI, contract, translation).
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## Regenerate docs/rules.md from the registry.
docs: $(STAMP)
	$(BIN)/newsfix rules --markdown > docs/rules.md

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
