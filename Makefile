# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ATTRIB := $(VENV)/bin/attrib
export HF_HUB_OFFLINE := 1

.PHONY: install demo test unit lint bench eval-corpora calibrate clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt torch
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(ATTRIB) compare fixtures/seed-source.txt fixtures/seed-derivative.txt --json report.json --html report.html
	@echo "wrote report.json and report.html"

lint: install
	$(VENV)/bin/ruff check attribution tests $(wildcard benchmarks)
	$(VENV)/bin/ruff format --check attribution tests $(wildcard benchmarks)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest -q

unit: install
	$(PY) -m pytest -q -m "not model and not browser"

bench: install
	$(PY) -m pip install -q -c constraints.txt -e '.[bench]'
	$(PY) benchmarks/run.py

eval-corpora: install
	$(ATTRIB) eval --corpus mrpc --data ../shared/data
	$(ATTRIB) eval --corpus short-answer --data ../shared/data
	$(ATTRIB) eval --corpus xsumfaith --data ../shared/data

calibrate: install
	$(PY) benchmarks/calibrate.py --data ../shared/data

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache report.json report.html
