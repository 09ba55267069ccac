# Posada — `make run` (embedded server with demo data) and `make test` (the whole suite).
# Both bootstrap .venv from nothing but python3.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export POSADA_ENV ?= development
# pytest-xdist workers for `make test`: most tests wait on servers and subprocesses, not the CPU
TEST_WORKERS ?= 4

.PHONY: install run test lint bench-holds bench-nlu bench-messages bench-ical bench-payments bench-speech clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Posada needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/posada speech install-model
	$(BIN)/posada db upgrade
	$(BIN)/posada demo --if-empty
	@echo "Try the WhatsApp conversation without WhatsApp, in another terminal:"
	@echo "  POSADA_ENV=development $(BIN)/posada chat --as +5492944123456 --name Lucía"
	$(BIN)/posada serve

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/mypy

# compileall first: the posada subprocesses of the tests (CLI, servers) then load bytecode
# even where PYTHONDONTWRITEBYTECODE is set, instead of compiling src/ again each time
test: lint
	$(BIN)/python -m compileall -q src
	$(BIN)/pytest -n $(TEST_WORKERS)

bench-holds: $(STAMP)
	$(BIN)/python bench/holds.py

bench-nlu: $(STAMP)
	$(BIN)/python bench/nlu.py

bench-messages: $(STAMP)
	$(BIN)/python bench/messages.py

bench-ical: $(STAMP)
	$(BIN)/python bench/ical.py

bench-payments: $(STAMP)
	$(BIN)/python bench/payments.py

bench-speech: $(STAMP)
	$(BIN)/posada speech install-model
	$(BIN)/python bench/speech.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
