"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest

os.environ.setdefault(
    "DJANGO_ALLOW_ASYNC_UNSAFE", "true"
)  # Playwright's loop + Django's ORM in tests

CHROMIUM = os.environ.get("GPAI_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("GPAI_TEST_ARTIFACTS", "test-artifacts"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as a script; the app's CSP (rightly) forbids that, so the test bypasses it.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


def check_accessibility(page, name: str) -> None:
    """Run axe-core on the page; fail on serious or critical violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    if bad:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(bad, indent=2))
    assert not bad, f"{name}: " + "; ".join(f"{v['id']}: {v['help']}" for v in bad)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and page is not None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # best effort on a failing test
            page.screenshot(path=str(ARTIFACTS / f"{item.name}.png"), full_page=True)


@pytest.fixture
def shoot(page):
    """Save a screenshot of each step (kept as artefacts when the test fails)."""
    steps = []

    def _shoot(step: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        target = ARTIFACTS / f"step-{len(steps):02d}-{step}.png"
        page.screenshot(path=str(target), full_page=True)
        steps.append(target)

    return _shoot


def pytest_collection_modifyitems(config, items):
    """Without Chromium or axe-core the browser tests cannot run: in CI (GPAI_REQUIRE_E2E=1) that
    is an error; elsewhere they are reported as skipped with the command that installs them."""
    e2e = [item for item in items if item.get_closest_marker("e2e")]
    missing = [
        what
        for what, ok in (("Chromium", os.path.exists(CHROMIUM)), ("axe-core", AXE.exists()))
        if not ok
    ]
    if not e2e or not missing:
        return
    message = f"{' and '.join(missing)} not installed: run `make browsers`"
    if os.environ.get("GPAI_REQUIRE_E2E") == "1":
        raise pytest.UsageError(f"Browser tests are required here but {message}")
    for item in e2e:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(autouse=True)
def _real_fragment_cache(settings):
    """The live server commits every request, so the fragment cache can be what production runs:
    the journey then also proves that no cached page goes stale after an action."""
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "e2e-fragments",
        },
    }
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()
