# legation — the two commands: `make demo` (code the bundled sample) and `make test`.
# Everything runs from a local virtual environment (.venv), created on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.legation-installed

.DEFAULT_GOAL := help
.PHONY: help setup demo test lint accuracy bench screenshots reliability clean distclean

help:
	@echo "make setup      create $(VENV) and install legation with its dev tools (once)"
	@echo "make demo       code the bundled sample corpus and show the events"
	@echo "make test       run the test suite"
	@echo "make lint       ruff check + mypy (strict) on src"
	@echo "make accuracy   dev-set accuracy, roles, police, precision (needs ../shared) → docs/BENCHMARKS.md (~10 min)"
	@echo "make bench      throughput and store benchmarks → docs/BENCHMARKS.md (~15 min)"
	@echo "make reliability  200 MB corpus, 20 MB article, 20 kill -9 runs → docs/RELIABILITY.md"
	@echo "make clean      remove caches and build output (keeps $(VENV))"
	@echo "make distclean  clean, and remove $(VENV)"

setup: $(STAMP)

# Re-installs when pyproject.toml changes; otherwise a no-op.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "legation needs Python 3.11 or newer (PYTHON=$(PYTHON))" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

demo: setup
	$(BIN)/legation demo

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

accuracy: setup
	$(BIN)/python -m benchmarks.accuracy --ngec-sample 300 --write docs/BENCHMARKS.md
	$(BIN)/python -W ignore::UserWarning -m benchmarks.petrarch_suite --write docs/BENCHMARKS.md
	$(BIN)/python -m benchmarks.conflibert_roles --write docs/BENCHMARKS.md
	$(BIN)/python -m benchmarks.india_police --write docs/BENCHMARKS.md
	$(BIN)/python -m benchmarks.precision_sample --write docs/BENCHMARKS.md

bench: setup
	$(BIN)/python -m benchmarks.throughput --write docs/BENCHMARKS.md
	$(BIN)/python -m benchmarks.store --write docs/BENCHMARKS.md

reliability: setup
	$(BIN)/python -m benchmarks.reliability corpus --mb 200
	$(BIN)/python -m benchmarks.reliability article --mb 20 --real
	$(BIN)/python -m benchmarks.reliability kills --runs 20

screenshots: setup
	LEGATION_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/web/test_web_browser.py -q

clean:
	rm -rf build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
