# Everything a fresh machine needs: a local virtual environment with the project and its test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed: install Python 3.11+ with venv (Debian: apt-get install python3-venv)"; exit 1; }
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@$(BIN)/python -c "import weasyprint" 2>/dev/null || { \
	  echo "weasyprint needs Pango; installing it with apt-get"; \
	  apt-get update -q && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 || \
	  { echo "error: could not install Pango (libpango-1.0-0, libpangoft2-1.0-0); install it as root and rerun"; exit 1; }; }
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dti run

test: $(STAMP)
	$(BIN)/ruff check ranking tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) reports/*/
