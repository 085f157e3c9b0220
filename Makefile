# mlopskg: `make run` sets everything up and runs the main job; `make test` sets everything
# up and runs the whole suite. `make help` lists the targets.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DEFAULT_GOAL := help
.PHONY: help deps java graphviz browser virtuoso oxigraph run demo build test lint types unit check ontology bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

java: ## install a JDK (HermiT, the OWL API checker) and Debian's OWL API if missing
	@{ command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; } || { \
	  echo "installing a JDK (default-jdk-headless) for HermiT and the OWL API checker"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless; }
	@[ -f /usr/share/java/owlapi-distribution.jar ] || { \
	  echo "installing libowlapi-java for the Protégé-compatibility check"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libowlapi-java; }

graphviz: ## install Graphviz's dot (it lays out the architecture diagrams) if missing
	@command -v dot >/dev/null 2>&1 || { \
	  echo "installing graphviz for the diagrams' layout"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz; }

browser: ## install Debian's chromium and chromedriver (for the browser test) if missing
	@{ command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; } || { \
	  echo "installing chromium and chromium-driver for the browser test"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

virtuoso: ## install Debian's Virtuoso (for the remote-store tests) if missing
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing virtuoso-opensource for the remote-store tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource; }

oxigraph: $(STAMP) ## make sure the Oxigraph server (PyPI's oxigraph, a dev extra) is in .venv
	@[ -x $(BIN)/oxigraph ] || $(BIN)/pip install --quiet 'oxigraph>=0.5,<0.6'

deps: $(STAMP) java graphviz browser virtuoso oxigraph ## install everything: Python packages in .venv, Java, Graphviz, chromium, Virtuoso, Oxigraph server

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP) java graphviz ## set up everything, build the graph and serve it: open http://localhost:8000/
	$(BIN)/mlopskg build
	$(BIN)/mlopskg serve --host $(HOST) --port $(PORT)

demo: $(STAMP) ## build the graph and print its figures and sample answers in the terminal
	$(BIN)/mlopskg build
	$(BIN)/mlopskg stats
	$(BIN)/mlopskg query tools-for-component --param kind=mlo:FeatureStore
	$(BIN)/mlopskg query responsible-roles --param kind=mlo:ModelRegistry

build: deps ## build the graph into build/store
	$(BIN)/mlopskg build

test: deps lint types unit ## set up everything and run the whole suite

lint: $(STAMP) ## ruff: lint and formatting
	$(BIN)/ruff check mlopskg tests benchmarks support
	$(BIN)/ruff format --check mlopskg tests benchmarks support

types: $(STAMP) ## mypy on the package
	$(BIN)/mypy

unit: $(STAMP) ## pytest: unit, ontology QC, shapes, queries, data conformance
	$(BIN)/pytest

check: deps ## quality checks of ontology and data (QC queries, integrity shapes, HermiT)
	$(BIN)/mlopskg check

ontology: $(STAMP) ## regenerate the ontology's release files from mlopskg-edit.ttl
	$(BIN)/mlopskg ontology

bench: deps ## run the benchmarks and rewrite benchmarks/README.md tables (about 25 minutes)
	$(BIN)/pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk; }
	$(BIN)/python benchmarks/queries.py
	$(BIN)/python benchmarks/endpoint.py
	$(BIN)/python benchmarks/plan.py
	[ -d benchmarks/.peer/node_modules/@specfy/stack-analyser ] || npm install --silent --prefix benchmarks/.peer @specfy/stack-analyser
	$(BIN)/python benchmarks/scan.py --write

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
