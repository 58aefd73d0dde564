# The two commands a newcomer needs: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/theodoi
# The load test makes (and drops) this database; give your own name if others share the server.
BENCH_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/theodoi_bench
BENCH_PORT ?= 8012

.PHONY: install run migrate demo test lint typecheck pytest test-postgres bench

$(VENV)/installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/installed

migrate: install
	$(MANAGE) migrate --noinput

# Idempotent: re-running keeps the data already there. The sweep removes uploaded
# files that no record points to (left by a process killed half-way).
demo: migrate
	$(MANAGE) load_admin_units
	$(MANAGE) load_demo
	$(MANAGE) sweep_files

run: demo
	@echo ""
	@echo "  theodoi: http://$(HOST)/   (Ctrl+C to stop)"
	@echo "  Demo logins above, password demo12345; e.g. thuongtruc (clerk of the three demo communes)."
	@echo "  Background jobs (reading a plan, a province's report) run in the worker started beside it."
	@echo ""
	$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# theodoi/ingest, theodoi/lib and every rules.py (the files and how strictly: pyproject.toml).
typecheck: install
	$(PY) -m mypy

# The suite on SQLite (DATABASE_URL cleared so a developer's setting does not leak in).
pytest: install
	env -u DATABASE_URL $(PY) -m pytest

test: lint typecheck pytest

# The same suite on PostgreSQL; pytest-django creates and drops test_theodoi.
test-postgres: install
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest

# Every benchmark, then bench/results.md (machine, date, figures, each goal met or
# missed): the extractor per seed and format, the commune, province and country
# dashboards on PostgreSQL beside plain SQL, the reports, generate_country for one
# province extrapolated to the country, and the load test (50 focal points for 60 s
# against gunicorn on loopback, theodoi/ops/loadtest.py) on PostgreSQL.
# `python -m theodoi.ops.bench --sqlite-load-test ...` adds the load test on SQLite.
bench: install
	env -u DATABASE_URL $(PY) -m theodoi.ops.bench --postgres $(BENCH_POSTGRES_URL) --port $(BENCH_PORT)
