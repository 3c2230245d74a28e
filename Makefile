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
	$(BIN)/python -m pip install -q -e '.[dev,translate,fast]'
	# argostranslate itself only for the tests that share packages with it; its
	# settings and package modules need none of its stanza/spaCy/torch stack.
	$(BIN)/python -m pip install -q --no-deps 'argostranslate>=1.9,<2' 'packaging>=21'
	touch $(STAMP)

## Run newsfix on the bundled seed articles: fixed text to build/demo/*.txt,
## traced results to build/demo/*.txt.json, a summary of the edits on stdout.
demo: $(STAMP)
	@mkdir -p build/demo
	$(BIN)/newsfix -o build/demo fixtures/seeds
	$(BIN)/newsfix --json -o build/demo fixtures/seeds
	$(BIN)/newsfix --diff fixtures/seeds | grep -E '^[^:]+: [0-9]+ edits'
	@echo "fixed texts and JSON traces are in build/demo/"

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
