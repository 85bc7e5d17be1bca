# Rasd — two commands:
#   make run    install everything, start the local Neo4j, ingest the bundled sample, open the explorer
#   make test   install everything, start a test Neo4j, run the whole test suite
# Headless variant of `make run` (no explorer, for scripts): make demo

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
SAMPLE ?= samples

.DEFAULT_GOAL := help
.PHONY: help install neo4j-build browser run demo test lint typecheck check stop clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/\t/' | expand -t 14

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,app]"
	@touch $@

install: $(VENV)/.installed neo4j-build  ## Python deps in .venv + Neo4j jars from Maven Central

neo4j-build: $(VENV)/.installed  ## fetch Neo4j 5.26 with Maven and build the launcher (once)
	$(BIN)/python -c "from loaders.neo4j.server import LocalServer, build; build(LocalServer.from_env())"

demo: install  ## headless: start Neo4j, ingest the sample corpus, print what was loaded
	$(KG) neo4j start
	$(KG) ingest $(SAMPLE)
	$(KG) stats

run: demo  ## command 1: install, start Neo4j, ingest the sample, then open the explorer
	@if [ -f app.py ]; then $(BIN)/streamlit run app.py --server.headless true; fi

browser:  ## Debian chromium + chromedriver + Arabic fonts for the explorer's browser test (apt, as root)
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-noto-core; fi

test: install browser  ## command 2: the whole test suite against a real Neo4j the tests start
	$(BIN)/python -m pytest

lint:  ## ruff over the code
	$(BIN)/ruff check kg loaders cli tests explorer app.py

typecheck:  ## mypy --strict over kg/ and loaders/
	$(BIN)/mypy

check: lint typecheck test  ## everything CI would want

stop:  ## stop the local Neo4j
	$(KG) neo4j stop

clean: stop  ## remove the virtualenv, build outputs and local data
	rm -rf $(VENV) neo4j-server/target .rasd
