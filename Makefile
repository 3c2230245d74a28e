# Set-up and the two everyday commands. `make demo` and `make test` create the
# virtualenv on first use, so each works on a fresh machine by itself.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   ?= $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint typecheck docs bench clean browser chromium screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,translate,fast,dask]'
	# argostranslate itself only for the tests that share packages with it; its
	# settings and package modules need none of its stanza/spaCy/torch stack.
	$(BIN)/python -m pip install -q --no-deps 'argostranslate>=1.9,<2' 'packaging>=21'
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

## Debian's headless Chromium and its driver, for the notebook view's browser tests.
chromium:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
	  echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	else \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

## The notebook view in headless Chromium (tests/test_notebook_browser.py).
browser: $(STAMP) chromium
	$(BIN)/python -m pytest -m browser tests/test_notebook_browser.py

## Regenerate docs/images/ (the screenshots in docs/notebook.md) by running the browser tests.
screenshots: $(STAMP) chromium
	NEWSFIX_SCREENSHOTS=docs/images $(BIN)/python -m pytest -q -m browser tests/test_notebook_browser.py

## Regenerate the benchmark tables of docs/benchmarks.md (the <!-- bench:NAME --> blocks),
## each stamped with the commit measured on. Default: first-call and speed (a few minutes);
## `make bench BENCH=scaling` or `BENCH=batch` for the slow ones; `$(BIN)/python benchmarks/run_all.py --list`.
BENCH ?=
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py $(if $(BENCH),--only $(BENCH))

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## Regenerate docs/rules.md from the registry.
docs: $(STAMP)
	$(BIN)/newsfix rules --markdown > docs/rules.md

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
