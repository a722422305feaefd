# Two commands on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: setup run demo lint test test-crash screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: setup  ## open the app on your database (ARGS="--demo" for sample data)
	$(VENV)/bin/growtui $(ARGS)

demo: setup  ## open the app on throwaway sample data
	$(VENV)/bin/growtui --demo

lint: setup  ## ruff over everything (its checks and its format), a strict type check over src/
	$(VENV)/bin/ruff check src tests bench screenshots
	$(VENV)/bin/ruff format --check src tests bench screenshots
	$(VENV)/bin/mypy

test: lint  ## lint, then the whole suite, end-to-end tests in tmux included
	$(PY) -m pytest -q $(PYTEST_ARGS)

test-crash: setup  ## 50 SIGKILL trials of a scripted conversation (a few minutes)
	GROWTUI_CRASH_TRIALS=50 $(PY) -m pytest -q -s tests/test_crash.py

bench: setup  ## every performance figure beside its reference; writes bench/results.json
	@command -v tmux >/dev/null || (echo "make bench needs tmux" && exit 1)
	$(PY) bench/run.py

screenshots: setup  ## regenerate screenshots/*.svg from the app itself
	$(PY) screenshots/make_screenshots.py

clean:
	rm -rf $(VENV) dist build .pytest_cache
