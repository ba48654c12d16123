# Codir: the front door. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address people open, written in every mail's links and printed by demo_logins:
# follows HOST and PORT unless given (behind a proxy: SITE_URL=https://codir.example.fr).
SITE_URL ?= http://$(HOST):$(PORT)
export CODIR_SITE_URL ?= $(SITE_URL)

.PHONY: help venv demo demo-data worker serve test test-fast test-browser check lint format typecheck layers messages bench bench-quick screenshots vendor official-data clean

help:
	@echo "make demo    installe, prépare le territoire de démonstration et lance le serveur"
	@echo "make test    lance toute la suite de tests"
	@echo "make check   ruff, mypy, migrations manquantes, catalogue de traduction"
	@echo "make bench   mesures de performance (jeu national, PostgreSQL, uvicorn)"
	@echo "make bench-quick  les mêmes mesures à l'échelle 0.02 (quelques minutes)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

venv: $(STAMP)

demo-data: venv
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py demo_load

# The server (ASGI, uvicorn: the live meeting's streams hold no thread), with the e-mail
# worker beside it (stopped with the server by Ctrl+C). One process: on SQLite the live
# events go through the process's own hub (docs/deploy.md for production).
UVICORN := $(BIN)/uvicorn codir.asgi:application --host $(HOST) --port $(PORT) --lifespan off

# The demo's register holds 23 decisions: above 10, its PDF/A and ODT are prepared by the
# worker, so that the demo shows the background export (200 in production).
demo: demo-data
	$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py db_worker --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		CODIR_DEBUG=1 CODIR_EXPORT_SYNC_MAX=10 $(UVICORN)

# Sends the e-mails queued by the application (convocations, reminders, digests).
worker: venv
	$(BIN)/python manage.py db_worker

serve: venv
	CODIR_DEBUG=1 $(UVICORN)

# The whole suite. pytest exits 5 when it collects nothing: that fails here too.
test: venv
	$(BIN)/pytest

test-fast: venv
	$(BIN)/pytest -m "not slow and not browser"

test-browser: venv
	$(BIN)/pytest -m browser

check: venv lint typecheck layers
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check
	CODIR_DEBUG=0 CODIR_SECRET_KEY=check-deploy-$$(date +%s%N)-not-a-real-key-0123456789abcdef \
		CODIR_ALLOWED_HOSTS=codir.example.fr $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python scripts/check_catalogue.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: venv
	$(BIN)/mypy .

# The apps' layers (pyproject.toml, docs/architecture.md): no import upward, no cycle.
layers: venv
	$(BIN)/lint-imports

# Refresh the English catalogue after changing French texts, then translate the
# new entries in locale/en/LC_MESSAGES/django.po and run it again.
messages: venv
	$(BIN)/python manage.py makemessages -l en --no-obsolete --no-location -i ".venv/*" -i "staticfiles/*"
	$(BIN)/python manage.py compilemessages -l en --ignore ".venv/*"
	$(BIN)/python scripts/french_plurals.py

# The national benchmark (scripts/bench.py): a PostgreSQL database of its own
# (BENCH_DATABASE_URL, by default codir_bench on 127.0.0.1), generated once per scale,
# the app under uvicorn. Results in benchmarks/results/latest.json and latest.md.
bench: venv
	$(BIN)/python scripts/bench.py

bench-quick: venv
	$(BIN)/python scripts/bench.py --quick

screenshots: venv
	CODIR_DEBUG=1 CODIR_SCREENSHOTS=docs/images $(BIN)/pytest -m browser

vendor:
	$(PYTHON) scripts/fetch_vendor.py

official-data:
	$(PYTHON) scripts/build_official_extract.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
