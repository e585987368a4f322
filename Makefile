# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run    installs, migrates, loads demo data, starts web + worker + beat, prints URL and logins
#   make test   runs linters, migration check, deploy check and the whole test suite
# DATABASE_URL / REDIS_URL switch from SQLite + filesystem broker to PostgreSQL + Redis.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: install browsers ecl screenshots run test test-only lint check migrate demo worker beat clean bench fuzz messages

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The demo runs without the second factor for AI Office staff (set GPAI_REQUIRE_SECOND_FACTOR=1 to try it).
run: export GPAI_REQUIRE_SECOND_FACTOR ?= 0
run: demo
	@mkdir -p var/log
	@echo "Starting Celery worker and beat (logs in var/log/) ..."
	@$(PY) -m celery -A gpai_cases worker -l info --concurrency 2 > var/log/worker.log 2>&1 & echo $$! > var/worker.pid
	@$(PY) -m celery -A gpai_cases beat -l info --pidfile= > var/log/beat.log 2>&1 & echo $$! > var/beat.pid
	@trap 'kill $$(cat var/worker.pid) $$(cat var/beat.pid) 2>/dev/null; rm -f var/*.pid' EXIT INT TERM; \
	  echo ""; \
	  echo "GPAI Cases is running at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"; \
	  echo "E-mails are not sent: each is written as a file to var/mail/ (set EMAIL_HOST for a real server)."; \
	  $(PY) manage.py load_demo | tail -n +2; \
	  echo "Press Ctrl+C to stop web, worker and beat."; \
	  $(PY) manage.py runserver $(HOST):$(PORT) --noreload

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m bandit -c pyproject.toml -r gpai_cases -q

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=gpai_cases.settings.production DJANGO_SECRET_KEY=ci-$$(date +%s)-a-long-random-secret-key-for-the-deploy-check-only \
	  DJANGO_ALLOWED_HOSTS=gpai-cases.example.eu $(PY) manage.py check --deploy --fail-level WARNING

# Browser tests need Debian's Chromium and axe-core (npm); installed here when possible.
browsers:
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "!! Chromium is not installed (apt-get install chromium): browser tests will be skipped"
	@test -f node_modules/axe-core/axe.min.js || { command -v npm >/dev/null && npm install --no-audit --no-fund --silent ; } || \
	  echo "!! axe-core could not be installed (npm install): browser tests will be skipped"

# The Europa Component Library (EC preset), pinned with its integrity in package.json "config" (ADR 0016).
# Its built files are committed under static/ecl/, so `make run` needs no npm; run this only to upgrade.
# `npm pack` fetches the published tarball alone: its ~120 source packages are needed only to rebuild it.
ECL_VERSION   = $(shell $(PYTHON) -c 'import json; print(json.load(open("package.json"))["config"]["ecl_preset_ec"])')
ECL_INTEGRITY = $(shell $(PYTHON) -c 'import json; print(json.load(open("package.json"))["config"]["ecl_preset_ec_integrity"])')
ECL_LOGO_LANGS = bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv
ecl:
	@rm -rf var/ecl && mkdir -p var/ecl
	cd var/ecl && npm pack --silent --json @ecl/preset-ec@$(ECL_VERSION) > pack.json
	@$(PYTHON) -c 'import json,sys; got=json.load(open("var/ecl/pack.json"))[0]["integrity"]; sys.exit(0 if got == "$(ECL_INTEGRITY)" else "integrity mismatch: " + got)'
	cd var/ecl && tar xzf ecl-preset-ec-$(ECL_VERSION).tgz
	rm -rf static/ecl && mkdir -p static/ecl/styles static/ecl/scripts static/ecl/fonts static/ecl/images/logo/positive static/ecl/images/logo/negative
	cp var/ecl/package/LICENSE static/ecl/LICENSE
	cp var/ecl/package/dist/styles/optional/ecl-reset.css var/ecl/package/dist/styles/optional/ecl-ec-default.css \
	   var/ecl/package/dist/styles/optional/ecl-ec-utilities.css var/ecl/package/dist/styles/ecl-ec-print.css static/ecl/styles/
	@# The stylesheet lists a Commission font host before the bundled font: keep only our own copy (no other host).
	sed -e 's#url(https://webtools.europa.eu/fonts/inter/[A-Za-z-]*.woff2) format("woff2"),##g' \
	  var/ecl/package/dist/styles/ecl-ec.css > static/ecl/styles/ecl-ec.css
	! grep -q 'https://' static/ecl/styles/ecl-ec.css
	cp var/ecl/package/dist/scripts/ecl-ec.js static/ecl/scripts/
	cp var/ecl/package/dist/fonts/InterVariable.woff2 var/ecl/package/dist/fonts/InterVariable-Italic.woff2 static/ecl/fonts/
	for l in $(ECL_LOGO_LANGS); do cp var/ecl/package/dist/images/logo/positive/logo-ec--$$l.svg static/ecl/images/logo/positive/; \
	  cp var/ecl/package/dist/images/logo/negative/logo-ec--$$l.svg static/ecl/images/logo/negative/; done
	echo "$(ECL_VERSION)" > static/ecl/VERSION
	@du -sh static/ecl

# Every page of the journey at 1280 and 375 px (tests/e2e/test_ecl_pages.py) plus each step of the
# whole procedure (tests/e2e/test_journey.py) as PNG files in var/screenshots/ (not committed).
screenshots: install browsers
	rm -rf var/screenshots && mkdir -p var/screenshots
	GPAI_SCREENSHOTS=var/screenshots GPAI_TEST_ARTIFACTS=var/screenshots $(PY) -m pytest -q \
	  tests/e2e/test_ecl_pages.py tests/e2e/test_journey.py
	@ls var/screenshots/*.png | wc -l | xargs echo "screenshots in var/screenshots/:"

test-only: install browsers
	$(PY) -m pytest $(PYTEST_ARGS)

test: lint check test-only

# Property tests with new random examples (CI replays fixed ones): run it after touching forms or the API.
fuzz: install
	HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=200 $(PY) -m pytest -n 2 tests/security/test_form_fuzz.py tests/api/test_schema_fuzz.py tests/cases/test_deadlines.py tests/cases/test_periods.py tests/providers/test_compute.py

# Translations: collect the marked strings into locale/*/django.po, then compile the .mo files
# (committed, so a machine without gettext serves them; a test checks they match the .po files).
# English is a catalogue of its own (msgstr = msgid, by msgen) so that msgfmt --check counts 0
# untranslated entries for en, fr and de alike. No source locations: they churn on every edit.
messages: install
	$(PY) manage.py makemessages -l en -l fr -l de --no-obsolete --no-location --ignore ".venv/*" --ignore "node_modules/*" --ignore "tests/*" --ignore "bench/*" --ignore "var/*" --ignore "staticfiles/*"
	msgen --no-location -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages -l en -l fr -l de --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf var staticfiles .pytest_cache .ruff_cache

# Benchmarks (not part of `make test`): needs PostgreSQL and Redis on 127.0.0.1 and wrk (apt-get install wrk).
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || { echo "wrk is needed: apt-get install wrk"; exit 1; }
	$(PY) bench/run.py
