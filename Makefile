# PCC Oversight: `make run` serves the portal with demo data, `make test` runs
# every check. Both set up everything they need from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
ASSETS_STAMP := build/static/.built
SCSS := $(wildcard static/scss/*.scss)

.PHONY: run test setup assets lint clean

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo --noinput
	@echo ""
	@echo "PCC Oversight is at http://127.0.0.1:8000/, with its worker  (Ctrl-C stops both)"
	@echo ""
	$(VENV)/bin/honcho -f Procfile start

# Two workers (pytest-xdist), each with its own test database; a file's tests
# stay together, as its module fixtures (the demo, a live server) expect.
TEST_WORKERS ?= 2

test: setup lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(VENV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy oversight scorecard elg panel_reports

setup: $(VENV_STAMP) $(ASSETS_STAMP)

$(VENV_STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# GOV.UK Frontend compiled with our settings, its script and images, and
# plotly.js taken from the plotly wheel: all built into the ignored build/.
$(ASSETS_STAMP): $(NODE_STAMP) $(VENV_STAMP) $(SCSS)
	mkdir -p build/static/css build/static/govuk build/static/js
	npm run --silent build
	cp node_modules/govuk-frontend/dist/govuk/all.bundle.js node_modules/govuk-frontend/dist/govuk/all.bundle.js.map build/static/govuk/
	rm -rf build/static/govuk/assets && cp -R node_modules/govuk-frontend/dist/govuk/assets build/static/govuk/assets
	cp "$$($(PY) -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js")')" build/static/js/plotly.min.js
	touch $@

clean:
	rm -rf $(VENV) node_modules build staticfiles
