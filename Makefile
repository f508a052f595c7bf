# The two commands of the README: `make run` (set up + serve the bundled papers), `make test` (set up + test).
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
TORCH := torch==2.13.0  # the local CPU wheel; an unpinned torch would pull GBs of CUDA packages

.PHONY: run test lint typecheck pytest eval bench browser clean

$(VENV)/.base:
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet $(TORCH)
	touch $@

$(VENV)/.app: $(VENV)/.base pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.dev: $(VENV)/.base pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@ $(VENV)/.app

run: $(VENV)/.app
	$(PY) app.py

browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy assistant indexer evals app.py cli.py

pytest: $(VENV)/.dev browser
	$(VENV)/bin/pytest -q

eval: $(VENV)/.dev
	$(VENV)/bin/panelqa eval --gate

bench: $(VENV)/.dev
	$(VENV)/bin/panelqa bench

test: lint typecheck pytest eval

clean:
	rm -rf $(VENV) .panelqa artifacts
