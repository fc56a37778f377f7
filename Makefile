# Two commands do all the set-up: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Debian packages the browser tests need; installed when missing and make runs as root.
DEBIAN_TEST_PACKAGES := chromium

.PHONY: build test check clean debian-test-packages

build: $(VENV)/.installed
	$(BIN)/site-gen build

check: $(VENV)/.installed
	$(BIN)/site-gen check

test: $(VENV)/.installed-test debian-test-packages
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

debian-test-packages:
	@missing=$$(for p in $(DEBIAN_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "The browser tests need these Debian packages: $$missing. Install them with:"; \
	    echo "  sudo apt-get install $$missing"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf build dist $(VENV)
