# Two commands do all the set-up: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Debian packages, installed when missing and make runs as root: the fonts charts are measured and
# drawn in (the metrics of Arial), and DejaVu Sans for the letters Liberation Sans lacks in the PDFs; for the tests, the browser they drive, the PDF tools that read PDFs,
# and libfaketime, which runs a build under another date to show that the output does not change.
DEBIAN_PACKAGES := fonts-liberation2 fonts-dejavu-core
DEBIAN_TEST_PACKAGES := chromium poppler-utils faketime

.PHONY: build test check clean debian-packages debian-test-packages debian-install java-runtime

EXAMPLES := $(sort $(wildcard examples/*/mkdocs.yml))

build: $(VENV)/.installed debian-packages
	$(BIN)/site-gen build
	@for config in $(EXAMPLES); do \
	  echo "Building $$(dirname $$config)"; \
	  $(BIN)/site-gen build --project $$(dirname $$config) || exit 1; \
	done

check: $(VENV)/.installed
	$(BIN)/site-gen check

# One worker per core; each test file runs whole on one worker, so a file's shared fixtures are built once.
test: $(VENV)/.installed-test debian-packages debian-test-packages node_modules/.installed java-runtime
	$(BIN)/python -m pytest -n auto --dist loadfile

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Java runs the Nu Html Checker; any Java 11 or later will do.
java-runtime:
	@command -v java >/dev/null || $(MAKE) --no-print-directory debian-install PACKAGES="default-jre-headless" \
	  NEEDED_BY="The HTML validity tests" OTHERWISE=false

# axe-core, which the accessibility tests run in the browser, and the Nu Html Checker (vnu-jar), from npm
# at the versions package-lock.json fixes.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory debian-install PACKAGES="npm" \
	  NEEDED_BY="The accessibility tests" OTHERWISE=false
	npm ci --no-audit --no-fund --silent
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

debian-packages:
	@$(MAKE) --no-print-directory debian-install PACKAGES="$(DEBIAN_PACKAGES)" NEEDED_BY="Charts" OTHERWISE=true

debian-test-packages:
	@$(MAKE) --no-print-directory debian-install PACKAGES="$(DEBIAN_TEST_PACKAGES)" NEEDED_BY="The browser tests" OTHERWISE=false

debian-install:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "$(NEEDED_BY) need these Debian packages: $$missing. Install them with:"; \
	    echo "  sudo apt-get install $$missing"; $(OTHERWISE); \
	  fi; \
	fi

clean:
	rm -rf build dist $(VENV) node_modules
