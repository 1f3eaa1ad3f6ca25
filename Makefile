# The two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-test browser messages migrate demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed messages
install-test: $(VENV)/.installed-test messages

# Compile the gettext catalogs with Babel (pure Python: no gettext tools needed).
messages: $(VENV)/.installed
	$(BIN)/pybabel -q compile -d guyub/locale -D django

migrate: install
	mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput -v0

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo --host $(HOST) --port $(PORT)

# The task queue's worker and scheduler (Celery, its broker a SQLite file under var/
# unless REDIS_URL is set) run beside the server; their logs go to var/. The trap
# stops both when the server stops (Ctrl-C included: a background job of a
# non-interactive shell ignores SIGINT, so the trap, not the terminal, ends them).
run: demo
	@echo "Worker and scheduler logs: var/worker.log, var/beat.log"
	@DEBUG=1 $(BIN)/celery -A guyub worker --loglevel INFO --concurrency 2 \
	    --logfile var/worker.log & worker=$$!; \
	DEBUG=1 $(BIN)/celery -A guyub beat --loglevel INFO --logfile var/beat.log & beat=$$!; \
	trap 'kill $$worker $$beat 2>/dev/null; wait $$worker $$beat 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests, when it is missing and apt can be used.
browser:
	@scripts/install_browser.sh

test: install-test browser
	@scripts/run_tests.sh

lint: install-test
	$(BIN)/ruff check guyub bench
	$(BIN)/lint-imports

bench: install-test
	@echo "Benchmarks live in bench/; run one with: $(PY) bench/<script>.py"

clean:
	rm -rf $(VENV) var
