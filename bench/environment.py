"""The bench's environment: its settings (BENCH_* environment variables), the environment the
app runs with (production settings, PostgreSQL, Redis), the database reset and the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gpai_bench")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SWEEP_OPEN_CASES = int(os.environ.get("BENCH_SWEEP_OPEN_CASES", "100000"))
LETTERS_PER_KIND = int(os.environ.get("BENCH_LETTERS", "50"))
MEDIA = Path(tempfile.mkdtemp(prefix="gpai-bench-media-"))

ENV = dict(
    os.environ,
    DATABASE_URL=DB_URL,
    DJANGO_SETTINGS_MODULE="gpai_cases.settings.production",
    DJANGO_SECRET_KEY="bench-" + "k" * 60,
    DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
    DJANGO_SECURE_SSL_REDIRECT="0",
    GPAI_MEDIA_ROOT=str(MEDIA),
    DJANGO_LOG_LEVEL="WARNING",
    DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
)
# Redis as in docker-compose (cache and sessions), in a database of its own that is emptied first
ENV["GPAI_BENCH_URLS"] = "1"  # the floor view
ENV["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


def sh(*args: str, **kwargs: object) -> str:
    return subprocess.run(
        args, env=ENV, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs
    ).stdout


def django_setup() -> None:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def reset_database() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    import redis

    redis.Redis.from_url(ENV["REDIS_URL"]).flushdb()
    sh(PY, "manage.py", "migrate", "--noinput", "-v0")
    sh(PY, "manage.py", "collectstatic", "--noinput", "-v0")


def machine() -> dict[str, str]:
    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with open("/proc/meminfo") as fh:
        mem = f"{int(fh.readline().split()[1]) / 1024 / 1024:.0f} GiB"
    pg = sh(
        PY,
        "-c",
        "import psycopg, os; v = psycopg.connect(os.environ['DATABASE_URL']).info.server_version; "
        "print(f'{v // 10000}.{v % 100}')",
    ).strip()
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    return {
        "load": load,
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "postgresql": pg,
        "os": platform.platform(),
        "wrk": f"-t2 -c{CONCURRENCY} -d{DURATION}",
    }
