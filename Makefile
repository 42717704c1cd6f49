# The two commands of the README:
#   make book   create .venv, install, execute every notebook, write _build/html
#   make test   system packages (tools/system-deps.sh: Debian's chromium and nodejs, installed when
#               missing and root), lint, everything `make book` does, then every test
#               (unit, slow, notebooks, browser)
# For everyday work:
#   make lint   ruff (lint + import order + layout) on the whole tree, mypy on pixelviz/: zero findings
#   make format apply ruff's layout
#   make unit   the unit tests alone, without building the book (the Colab venv build is `make slow`)
#
# Heavy packages are pinned for the machines this is developed and tested on by
# constraints/test-machine.txt; set CONSTRAINTS= to use pyproject's ranges only.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CONSTRAINTS ?= constraints/test-machine.txt
PIP_CONSTRAINTS := $(if $(CONSTRAINTS),-c $(CONSTRAINTS),)
STAMP := $(VENV)/.pixelviz-installed
PYTEST_WORKERS ?= 2
# Library workers' probe results, reused across notebooks within a build and by the nbmake run
# (keyed on the installed packages and pixelviz's source; `make clean` drops them with _build).
PROBE_CACHE := PIXELVIZ_PROBE_CACHE=$(CURDIR)/_build/.probe-cache
# jupyter-cache keys a notebook's outputs on its code only; the outputs also
# depend on pixelviz/, widgets/ and the installed packages, so the cache is
# dropped whenever any of those change.
SOURCE_HASH = $(shell (find pixelviz widgets -name '*.py' -o -name '*.js' -o -name '*.css' | LC_ALL=C sort | xargs cat; cat pyproject.toml $(CONSTRAINTS)) | sha1sum | cut -c1-16)

.PHONY: book test install clean lint format unit slow system-deps lock

install: $(STAMP)

$(STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet "pip>=23"
	$(BIN)/python -m pip install $(PIP_CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

# The book: every notebook executed (outputs cached by jupyter-cache, keyed on
# the code), Sphinx warnings are errors, a failing cell fails the build.
book: $(STAMP)
	@bash tools/system-deps.sh node
	@mkdir -p _build
	@if [ "$$(cat _build/.source-hash 2>/dev/null)" != "$(SOURCE_HASH)" ]; then \
	  echo "pixelviz/widgets changed: re-executing every notebook"; rm -rf _build/.jupyter_cache; \
	  echo "$(SOURCE_HASH)" > _build/.source-hash; fi
	$(PROBE_CACHE) PIXELVIZ_STATIC_WIDGETS=1 $(BIN)/jupyter-book build . --all --warningiserror --nitpick --keep-going
	@echo ""
	@echo "The book is in $(CURDIR)/_build/html — open file://$(CURDIR)/_build/html/index.html"

# Lint and types first (seconds), then the book, the unit tests, the slow
# Colab-install test, every notebook through nbmake, and the browser tests
# against the site `make book` just built.
test: system-deps lint book
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser and not slow" tests
	$(BIN)/python -m pytest -m slow tests
	$(PROBE_CACHE) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --nbmake --nbmake-timeout=300 book
	$(BIN)/python -m pytest -m browser tests

# Debian's chromium (browser tests) and nodejs (KaTeX at build time): installed with apt-get when
# missing and run as root, otherwise stops at once with the exact command to run.
system-deps:
	@bash tools/system-deps.sh chromium node

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Apply the layout `make lint` checks.
format: $(STAMP)
	$(BIN)/ruff format .

unit: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser and not slow" tests

slow: $(STAMP)
	$(BIN)/python -m pytest -m slow tests

clean:
	rm -rf _build
