"""The image ships only the application: the Docker build context is computed from .dockerignore
(with Docker's rules: patterns in order, the last match wins, ``!`` re-includes, a pattern that
matches a directory takes its contents) and must leave out local state, secrets, the virtualenv,
version control and caches; the Dockerfile copies only what the application needs."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Never in an image: the database and uploaded evidence (var/, media), secrets (.env), the
#: virtualenv, node_modules, version control, and caches.
FORBIDDEN = (
    "var",
    "media",
    ".env",
    ".venv",
    "node_modules",
    ".git",
    "staticfiles",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "test-artifacts",
    "__pycache__",
)
#: What the Dockerfile may copy.
NEEDED = {"pyproject.toml", "manage.py", "gpai_cases", "templates", "static"}
#: Paths planted beside the real tree, as a developer's machine has them.
PLANTED = [
    "var/db.sqlite3",
    "var/media/documents/1/evidence.pdf",
    "var/broker/queue/msg",
    "media/documents/x.pdf",
    ".env",
    ".venv/bin/python",
    "node_modules/axe-core/axe.min.js",
    ".git/HEAD",
    ".pytest_cache/v/cache",
    ".ruff_cache/0.1/x",
    ".hypothesis/examples/x",
    "staticfiles/css/app.css",
    "gpai_cases/core/__pycache__/models.cpython-311.pyc",
    "test-artifacts/shot.png",
]


def _regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out, i = out + pattern[i : end + 1], end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def rules(text: str) -> list[tuple[bool, re.Pattern[str]]]:
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        exclude = not line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").strip("/"))
        found.append((exclude, _regex(pattern)))
    return found


def excluded(path: str, compiled: list[tuple[bool, re.Pattern[str]]]) -> bool:
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    verdict = False
    for exclude, regex in compiled:
        if any(regex.match(c) for c in candidates):
            verdict = exclude
    return verdict


def build_context(root: Path, extra: list[str]) -> list[str]:
    compiled = rules((root / ".dockerignore").read_text())
    paths = list(extra)
    for directory, dirs, files in os.walk(root, followlinks=False):
        rel = os.path.relpath(directory, root)
        for name in [*files, *(d for d in dirs if os.path.islink(os.path.join(directory, d)))]:
            paths.append(name if rel == "." else f"{rel}/{name}")
    return sorted(p for p in paths if not excluded(p, compiled))


def test_the_build_context_leaves_out_state_secrets_the_venv_git_and_caches():
    context = build_context(ROOT, PLANTED)
    leaked = [p for p in context if set(p.split("/")) & set(FORBIDDEN)]
    assert leaked == []
    assert "gpai_cases/settings/production.py" in context
    assert "templates/base.html" in context and "static/css/app.css" in context


def test_the_context_rules_follow_docker():
    compiled = rules("*\n!keep\n**/__pycache__\n")
    assert excluded("var/db.sqlite3", compiled)
    assert not excluded("keep/a.py", compiled)
    assert excluded("keep/sub/__pycache__/a.pyc", compiled)


def test_the_dockerfile_copies_only_what_the_application_needs():
    sources = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words and words[0] in ("COPY", "ADD"):
            assert words[0] == "COPY", "ADD fetches and unpacks: use COPY"
            sources += [w for w in words[1:-1] if not w.startswith("--")]
    assert sources and set(sources) <= NEEDED, sources
