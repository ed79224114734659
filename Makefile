# Two commands from a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ATTRIB := $(VENV)/bin/attrib
export HF_HUB_OFFLINE := 1

.PHONY: install demo demo-find test unit fuzz lint bench install-size lock eval-real eval-corpora calibrate clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# constraints.txt pins every version the tests ran with; torch==2.13.0 there is the CPU build.
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(ATTRIB) compare fixtures/seed-source.txt fixtures/seed-derivative.txt --json report.json --html report.html
	@echo "wrote report.json and report.html"
	@echo "attrib is installed in $(VENV)/bin: run 'source $(VENV)/bin/activate' to put it on your PATH"

demo-find: install
	rm -rf .archive-demo
	$(ATTRIB) index add fixtures/archive/stories.jsonl --archive .archive-demo
	$(ATTRIB) find fixtures/seed-derivative.txt --archive .archive-demo --json find.json --html find.html
	$(ATTRIB) find fixtures/gold/real/b-agency-uncredited-tesla-derivative.txt --archive .archive-demo --json find-two.json --html find-two.html
	@echo "wrote find.json, find.html, find-two.json and find-two.html (the archive is in .archive-demo)"

lint: install
	$(VENV)/bin/ruff check attribution tests benchmarks tools
	$(VENV)/bin/ruff format --check attribution tests benchmarks tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest -q

unit: install
	$(PY) -m pytest -q -m "not model and not browser"

# The fuzzing suite with many examples (make test runs 40 per property): ATTRIB_FUZZ_EXAMPLES=N make fuzz
fuzz: install
	ATTRIB_FUZZ_EXAMPLES=$${ATTRIB_FUZZ_EXAMPLES:-5000} $(PY) -m pytest -q tests/test_fuzz.py

bench: install
	$(PY) -m pip install -q -c constraints.txt -e '.[bench]'
	$(PY) benchmarks/run.py

# Installed size, wheel count and time of the light install and each extra (README "Install").
install-size: install
	$(PY) benchmarks/install_size.py

# Rewrite constraints.txt (and the pre-commit hook's pins) from this environment, after make test.
lock: install
	$(PY) tools/lock.py

eval-real: install
	$(ATTRIB) eval fixtures/gold/real/*.gold.json

eval-corpora: install
	$(ATTRIB) eval --corpus mrpc --data ../shared/data
	$(ATTRIB) eval --corpus short-answer --data ../shared/data
	$(ATTRIB) eval --corpus xsumfaith --data ../shared/data
	$(ATTRIB) eval --corpus pan13 --data ../shared/data

calibrate: install
	$(PY) benchmarks/calibrate.py --data ../shared/data
	$(PY) benchmarks/following.py --data ../shared/data

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache report.json report.html find.json find.html .archive-demo
