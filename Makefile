# Villes Internet — commands. `make help` lists them.
# Needs only Python 3.11+; everything else is installed into .venv from the project's files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help venv install install-dev migrate messages demo run worker test lint format check-deploy bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

venv: $(BIN)/python ## Create the virtualenv (.venv)

install: $(VENV)/.installed ## Install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the runtime and development requirements

messages: install ## Compile the French and English catalogues
	$(PY) manage.py compile_translations -v0

migrate: install ## Apply the database migrations
	$(PY) manage.py migrate --no-input

demo: migrate messages ## Load the demo data (idempotent)
	$(PY) manage.py load_demo_data

run: demo ## Set up everything, then serve http://$(HOST):$(PORT) with the task worker beside it
	@echo "Site: http://$(HOST):$(PORT)/  ·  admin: http://$(HOST):$(PORT)/admin/ (see README for the demo login)"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker & \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install ## Run the task worker alone
	$(PY) manage.py db_worker

lint: install-dev ## Lint, check formatting (ruff) and the layer contracts (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev ## Format the code (ruff)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev ## Lint, layer contracts, Django checks, migrations check, then the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py compile_translations -v0
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

check-deploy: install ## Run `check --deploy` with production settings (needs SECRET_KEY, ALLOWED_HOSTS, REDIS_URL, WAGTAILADMIN_BASE_URL)
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py check --deploy

bench: install ## Measure the main pages over gunicorn on a large throw-away dataset (bench/results.md)
	$(PY) -m bench.run

clean: ## Remove the virtualenv, caches and the local SQLite database
	rm -rf $(VENV) .pytest_cache .ruff_cache db.sqlite3 static
