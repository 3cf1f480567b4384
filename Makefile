# The two commands a reader needs: `make serve` and `make test`.
# Each installs what it needs; everything else here is a step they share.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Self-hosted Pyodide by default, so calculators work without CDN access;
# `make build PYODIDE_SOURCE=cdn` makes a smaller site that uses the CDN.
PYODIDE_SOURCE ?= self-hosted
export PYODIDE_SOURCE
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical edition serve-editions test bench browser nginx clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# The same docs/ built by Zensical, then finished by sitebuild (Zensical runs no MkDocs plugins).
build-zensical: $(STAMP)
	rm -rf site
	$(BIN)/zensical build --strict
	$(BIN)/python -m sitebuild site --pyodide-source $(PYODIDE_SOURCE) $(if $(SNAPSHOT),--snapshot $(SNAPSHOT))

# An edition: the docs as of a review date, built with MkDocs onto the local git
# branch `editions` (nothing is pushed); `latest` follows the newest edition.
edition: $(STAMP)
	@test -n "$(EDITION)" || { echo "make edition needs EDITION=YYYY-MM-DD, the review date" >&2; exit 2; }
	$(BIN)/python -m editionbuild publish $(EDITION)

# Every edition, from the `editions` branch, at http://127.0.0.1:8000/.
serve-editions: $(STAMP)
	$(BIN)/python -m editionbuild serve --port 8000

# One worker per core (pytest-xdist), each test file on one worker: a file's
# module-scoped builds and pages are made once. Files go out in the order they
# are collected, the small ones of tests/site and tests/sitebuild last, so no
# worker waits long for the other at the end (xdist would send files with
# few tests, such as the walk over every page, last).
test: $(STAMP) browser nginx
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

bench: $(STAMP) browser
	$(BIN)/python tests/bench/run.py

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[docs,zensical,test]'
	touch $@

# Debian's Chromium (the benchmark's, a reader's browser) and its headless shell
# (the tests', less CPU) where apt-get can install them; where it cannot, a Chromium
# already there (the tests then run in it), else Playwright's own download.
HAS_CHROMIUM := { command -v chromium || [ -x /usr/bin/chromium ]; } >/dev/null 2>&1
HAS_SHELL    := { command -v chromium-headless-shell || [ -x /usr/lib/chromium/chromium-headless-shell ]; } >/dev/null 2>&1
browser: $(STAMP)
	@if $(HAS_CHROMIUM) && $(HAS_SHELL); then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && apt-get update -qq \
		&& { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell \
			|| DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; then :; \
	elif $(HAS_CHROMIUM); then \
		echo "chromium-headless-shell is missing: the tests run in Chromium, with more CPU (apt-get install chromium-headless-shell)" >&2; \
	else $(BIN)/playwright install chromium; fi

# nginx serves the built site in one end-to-end run, as a real deployment would.
nginx:
	@if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; \
	else echo "nginx is missing: install it (e.g. apt-get install nginx) to run the nginx end-to-end tests" >&2; exit 1; fi

clean:
	rm -rf site .cache $(VENV)
