# The two set-up commands are `make run` and `make test`; both install what
# they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install run test lint unit bench check-data clean messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m bot run

check-data: install
	$(PY) -m bot check-data

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy bot handlers scheduler bench

unit: install
	$(PY) -m pytest

test: lint unit

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Refresh the gettext catalogue after changing user-facing strings; then fill
# in the Danish msgstr in locales/da/LC_MESSAGES/messages.po.
messages: install
	$(VENV)/bin/pybabel extract --no-location --sort-output -k _ -k N_ -k ngettext:1,2 \
		-o locales/messages.pot bot handlers scheduler
	test -f locales/da/LC_MESSAGES/messages.po || \
		$(VENV)/bin/pybabel init -l da -i locales/messages.pot -d locales
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -l da \
		-i locales/messages.pot -d locales
