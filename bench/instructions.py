"""Instructions executed per request (valgrind's callgrind), for `make bench`: a count that does
not move with the other work of a shared machine, where CPU time moves by half from one minute to
the next. The same build, data and requests give the same count to about 0.1%.

Each page in a process of its own under ``valgrind --tool=callgrind``: 3 warm-up requests, the
counters zeroed, 10 requests, the counters dumped; two pages at a time (two cores). Through the
whole middleware stack (the Django test client), the fragment cache on or off. Python code only
(the database server's own work is not counted). Skipped when valgrind is not installed, or
with BENCH_INSTRUCTIONS=0 (about 5 minutes per data size).

    BENCH_COOKIE=<session cookie> valgrind --tool=callgrind python bench/instructions.py /workspace/ cold
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from environment import ENV, PY, ROOT

REQUESTS = 10


def _measure_here(path: str, cold: bool) -> None:
    """Inside valgrind: the requests, between a zeroing and a dump of the counters."""
    sys.path.insert(0, str(ROOT / "bench"))
    ENV["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    if cold:
        ENV["GPAI_FRAGMENT_CACHE"] = "0"
    from environment import django_setup

    django_setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    name, value = os.environ["BENCH_COOKIE"].split("=", 1)
    client.cookies[name] = value
    for _ in range(3):
        assert client.get(path).status_code == 200, path
    me = str(os.getpid())
    subprocess.run(["callgrind_control", "-z", me], check=True, capture_output=True)
    for _ in range(REQUESTS):
        client.get(path)
    subprocess.run(["callgrind_control", "-d", "measured", me], check=True, capture_output=True)


def count(path: str, cookie: str, *, cold: bool) -> float | None:
    """Millions of instructions per request, or None (no valgrind, or the run failed)."""
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        return None
    if os.environ.get("BENCH_INSTRUCTIONS", "1") == "0":
        return None
    with tempfile.TemporaryDirectory() as out:
        env = dict(ENV, BENCH_COOKIE=cookie, PYTHONHASHSEED="0")
        args = ["valgrind", "--tool=callgrind", "--cache-sim=no"]
        args += [f"--callgrind-out-file={out}/cg", PY, __file__, path]
        subprocess.run(
            [*args, "cold" if cold else "served"], env=env, cwd=ROOT, capture_output=True
        )
        for dump in Path(out).iterdir():
            text = dump.read_text(errors="replace")
            if "measured" not in text.split("\nevents:", 1)[0]:
                continue  # the dump at exit, not the one of the requests
            for line in text.splitlines():
                if line.startswith(("summary:", "totals:")):
                    return round(int(line.split()[1]) / REQUESTS / 1e6, 2)
    return None


def instruction_rows(pages: list[tuple[str, str, str | None]], cookies: dict[str, str]) -> list:
    """Both paths of each signed-in page (``(label, path, who)``), and the signed-in floors."""
    jobs = []
    for label, path, who in pages:
        for cold in (False, True) if not label.startswith("floor") else (False,):
            jobs.append((label, path, who, cold))
    with ThreadPoolExecutor(max_workers=2) as pool:
        counted = pool.map(lambda j: count(j[1], cookies[j[2]], cold=j[3]), jobs)
        rows = [
            {"page": label, "who": who, "cold": cold, "m_instructions": n}
            for (label, _path, who, cold), n in zip(jobs, counted, strict=True)
        ]
    for row in rows:
        print(f"instructions {row['page']:<45} cold={row['cold']!s:<5} {row['m_instructions']} M")
    return rows


if __name__ == "__main__":
    _measure_here(sys.argv[1], sys.argv[2] == "cold")
