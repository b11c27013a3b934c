# Everything a fresh machine needs: a local virtual environment with the project and its test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install office chromium screenshots screenshots-pdf demo test wheel-check bench clean

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

# 2024 first, so that 2025 is compared with it (year over year, merged departments). Then the 2025 cycle: the
# draft's tables (inputs/2025-draft: the inputs as they stood at the draft), the units' objection forms made from
# it (once: dti forms never replaces forms), and the final ranking with its ten decided objections.
demo: $(STAMP)
	$(BIN)/dti run --criteria criteria/hanoi-2024.yaml --inputs inputs/2024 --out reports/2024 >/dev/null
	$(BIN)/dti rank --stage draft --criteria criteria/hanoi-2025.yaml --inputs inputs/2025-draft \
	  --out reports/2025-draft >/dev/null
	test -e reports/2025-objection-forms || $(BIN)/dti forms --objections --draft reports/2025-draft \
	  --criteria criteria/hanoi-2025.yaml --units inputs/2025/units.csv --out reports/2025-objection-forms
	$(BIN)/dti run --draft reports/2025-draft

# LibreOffice lets a test save a form through a real spreadsheet program; without it that test is skipped.
office:
	@command -v soffice >/dev/null 2>&1 || { echo "installing LibreOffice Calc (apt-get) for the form round-trip test"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends libreoffice-calc-nogui) >/dev/null 2>&1 \
	  || echo "note: LibreOffice could not be installed; the tests that need it will be skipped"; }

# Headless Chromium (Debian's chromium and chromium-driver) runs the web site's browser tests; without it
# they are skipped with a message saying so. No browser is downloaded at test time.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || { \
	  echo "installing Chromium and its driver (apt-get) for the web site's browser tests"; \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends chromium chromium-driver) >/dev/null 2>&1 \
	  || echo "note: Chromium could not be installed; the browser tests of the site will be skipped"; }

# The README's screenshots of the sample site's index, at 360 px (a phone) and 1280 px.
screenshots: $(STAMP) chromium
	$(BIN)/python -m tests.browser

test: $(STAMP) office chromium
	$(BIN)/ruff check ranking tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest
	$(MAKE) wheel-check

# A normal install (`pip install .`, not editable) holds everything dti needs: the wheel, built from a copy of the
# sources (no stale build/ folder), goes into a fresh virtual environment whose `dti` validates the bundled sample
# and runs a small case end to end (tables, PDFs, site) in a temporary folder.
wheel-check: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && set -e && \
	mkdir "$$tmp/src" "$$tmp/work" && cp -r pyproject.toml README.md ranking "$$tmp/src/" && \
	find "$$tmp/src" -name __pycache__ -prune -exec rm -rf {} + && \
	$(BIN)/pip wheel -q --no-deps -w "$$tmp/wheel" "$$tmp/src" && \
	$(BIN)/python -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/pip" install -q "$$tmp"/wheel/*.whl && \
	$(BIN)/python -c 'import sys, pathlib, tests.conftest as c; c.write_case(pathlib.Path(sys.argv[1]))' "$$tmp/work" && \
	cd "$$tmp/work" && \
	"$$tmp/venv/bin/dti" validate --criteria "$(CURDIR)/criteria/hanoi-2025.yaml" --inputs "$(CURDIR)/inputs/2025" && \
	"$$tmp/venv/bin/dti" run --quiet --criteria criteria.yaml --inputs inputs --out reports/2025 >/dev/null && \
	for f in dti-2025.pdf units/a1.pdf site/index.html site/units/a1.html results.xlsx; do \
	  test -s "reports/2025/$$f" || { echo "wheel-check: reports/2025/$$f is missing"; exit 1; }; done && \
	echo "wheel-check: the installed wheel validated the sample and ran a case: $$(ls reports/2025/units | wc -l) breakdowns and the site"

# The README's pictures of the publication and of a breakdown, rendered from the sample by the real code.
screenshots-pdf: $(STAMP)
	$(BIN)/python scripts/screenshots.py

bench: $(STAMP)
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) reports/*/ reports/.*-cache
