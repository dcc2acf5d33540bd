# The two commands a fresh machine needs: `make site` and `make test`.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
# mkdocs (default), properdocs (the maintained drop-in continuation of MkDocs 1.x)
# or zensical (Material's successor; runs no MkDocs plugin: `studyplan build` generates first)
BUILDER ?= mkdocs
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test

.PHONY: site test serve publish validate schema lint clean test-deps offline audit bench lock

# Supported: Python 3.11 (any patch level), 3.12, 3.13 (scripts/check-python.sh).
$(BIN)/python:
	@bash scripts/check-python.sh "$(PYTHON)"
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/pip install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python requirements/site.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/site.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(TEST_STAMP): $(STAMP) requirements/test.lock requirements/zensical.lock
	$(BIN)/pip install --quiet -r requirements/test.lock -r requirements/zensical.lock
	touch $@

## site: create .venv, install the locked dependencies, build site/ (BUILDER=properdocs or BUILDER=zensical)
site: $(STAMP)
	@bash scripts/site-libs.sh
	@bash scripts/check-fonts.sh
	@if [ "$(BUILDER)" = properdocs ]; then $(BIN)/pip install --quiet -r requirements/properdocs.lock; fi
	@if [ "$(BUILDER)" = zensical ]; then $(BIN)/pip install --quiet -r requirements/zensical.lock; fi
	$(BIN)/studyplan build --builder $(BUILDER)

## test: the whole suite (installs what the tests need first)
test: $(TEST_STAMP) test-deps
	$(BIN)/python -m pytest -q

test-deps:
	@bash scripts/test-deps.sh

## serve: live preview on http://127.0.0.1:8000 (reloads when plan_data/ changes)
serve: $(STAMP)
	$(BIN)/mkdocs serve

## publish: build with SITE_URL and push to GitHub Pages
publish: $(STAMP)
	$(BIN)/studyplan validate
	$(BIN)/mkdocs gh-deploy --strict --force

## offline: dist/<plan id>-offline.zip, the site for reading from disk (file://); needs node and npm
offline: $(STAMP) node_modules/.installed
	$(BIN)/studyplan offline

node_modules/.installed: package.json package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "make: this needs node and npm (npm ci installs the pinned npm packages: the offline copy's search shim, the test tools); install them, e.g. sudo apt-get install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $@

## audit: axe (light and dark) and Lighthouse; fails below 100 on a11y, best practices, SEO
audit: $(TEST_STAMP) test-deps
	$(BIN)/python -m pytest -q tests/test_accessibility.py
	$(BIN)/python scripts/audit.py

## bench: build times and output sizes (printed; see README)
bench: $(TEST_STAMP) node_modules/.installed
	$(BIN)/python bench/bench.py

validate: $(STAMP)
	$(BIN)/studyplan validate

schema: $(STAMP)
	$(BIN)/studyplan schema --write

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

## lock: regenerate requirements/*.lock (one universal lock: Python 3.11-3.13, Linux and macOS)
LOCK_NOTE := one universal lock for Python 3.11 (any patch level), 3.12, 3.13 on Linux and macOS. Regenerate with `make lock`.
LOCK_FLAGS := --universal --python-version 3.11 --no-header --annotation-style line
lock: $(TEST_STAMP)
	$(BIN)/uv pip compile pyproject.toml $(LOCK_FLAGS) -o requirements/site.lock
	sed -i '1i # Exact versions for the site (make site): $(LOCK_NOTE)' requirements/site.lock
	$(BIN)/uv pip compile pyproject.toml requirements/test.in $(LOCK_FLAGS) -c requirements/site.lock -o requirements/test.lock
	sed -i '1i # Exact versions for the test suite (make test), site versions included: $(LOCK_NOTE)' requirements/test.lock

clean:
	rm -rf site .cache dist
