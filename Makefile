# make demo: a WordPress site on an Aegir-managed local server. make test: lint, types, layers, tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo demo-stop test lint bench system-packages venv clean

demo: system-packages venv
	$(BIN)/aegir demo $(DEMO_ARGS)

demo-stop: venv
	$(BIN)/aegir demo --stop

test: system-packages venv lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/mypy --strict examples/aegir-static/src
	$(BIN)/lint-imports

bench: system-packages venv
	$(BIN)/python benchmarks/run_all.py

system-packages:
	@scripts/system-packages.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(BIN)/python -m compileall -q src  # an editable install compiles nothing; start-up time counts
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
