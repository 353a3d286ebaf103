# mediator-lms: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install install-prod run test test-browser test-pg lint format messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# Production (README, "Production set-up"): the app and its runtime dependencies only, no
# test or lint tools. Run again after every `git pull`.
install-prod:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests run too, in their own process, when Chromium is installed (SKIP_BROWSER=1: not).
# The rest runs on pytest-xdist, a worker per core (TEST_WORKERS=0: in one process), in an order
# pytest-randomly shuffles (the header prints the seed: pytest -p randomly --randomly-seed=N).
TEST_WORKERS ?= auto
test: install
	$(BIN)/pytest -n $(TEST_WORKERS)
	@if [ -n "$(SKIP_BROWSER)" ]; then \
		echo "Browser tests skipped (SKIP_BROWSER is set)."; \
	elif command -v chromium >/dev/null 2>&1; then \
		$(BIN)/pytest -m browser; \
	else \
		echo "Chromium is not installed: browser tests SKIPPED (apt-get install chromium, then make test-browser)."; \
	fi

test-browser: install
	@command -v chromium >/dev/null 2>&1 || { echo "Chromium is not installed: apt-get install chromium"; exit 1; }
	$(BIN)/pytest -m browser

# The suite on PostgreSQL (needs a server; DATABASE_URL names a database to create tests beside).
test-pg: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/mediator_lms} $(BIN)/pytest --create-db -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/djlint --lint templates
	$(BIN)/djlint --lint templates --extension txt

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the catalogues after changing interface strings, then fill in the Russian.
messages: install
	$(PY) manage.py makemessages -l ru -l en --no-location --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore '*/tests/*' --ignore conftest.py
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
