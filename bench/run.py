"""`make bench`: page latency against a bare-view floor, query counts at two data sizes, letter
rendering and the reminder sweep. Results go to docs/benchmarks.md and docs/benchmarks.json.

Runs the app under gunicorn with production settings on PostgreSQL (BENCH_DATABASE_URL, default a
database `gpai_bench` on 127.0.0.1 that is dropped and re-created) and Redis (BENCH_REDIS_URL,
default database 5 on 127.0.0.1, emptied first), as docker-compose runs it; loads it with wrk.

The parts: environment.py (settings, database, machine), pages.py (wrk over the pages),
letters.py, sweep.py and report.py. Run as a script (`python bench/run.py`), so that bench/ is on
sys.path and its modules import by their plain names.
"""

from __future__ import annotations

import datetime
import json
import shutil
import sys
import time

from environment import ENV, PY, ROOT, SIZES, django_setup, machine, reset_database, sh
from instructions import instruction_rows
from letters import bench_letters
from pages import in_process, measure, publish_register, sessions, signed_in_pages
from report import write

# bench/profile_page.py imports this module for the bench's settings and sign-in helpers
__all__ = ["ENV", "django_setup", "main", "sessions"]


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    with open("/proc/loadavg") as fh:
        load_at_start = " ".join(fh.read().split()[:3])
    reset_database()
    django_setup()
    results: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "make bench",
        "sizes": {},
    }
    generated = 0
    for size in SIZES:
        t0 = time.perf_counter()
        sh(PY, "manage.py", "generate_load_data", "--cases", str(size - generated))
        gen_s = time.perf_counter() - t0
        generated = size
        from django.db import connection

        with connection.cursor() as cursor:
            # VACUUM too: otherwise autovacuum works through the freshly inserted rows during the
            # first measurements and takes a core from them (seen as p95 falling page after page)
            cursor.execute("VACUUM ANALYZE")
        cookies = sessions()
        publish_register()
        rows = measure(size, cookies, cold=False)
        # the same signed-in pages with the fragment cache switched off: every request renders
        rows += measure(size, cookies, cold=True)
        results["sizes"][str(size)] = {
            "generate_s": round(gen_s, 1),
            "pages": rows,
            "in_process": in_process(cookies),
            "instructions": instruction_rows(signed_in_pages(), cookies),
        }
    print("letters...", flush=True)
    results["letters"] = bench_letters()
    print("sweep...", flush=True)
    # in a process of its own, as the worker runs it (beat queues it as a task), not in this one
    # after the pages and letters measured here (seen: the same sweep 1.5 s on its own, 2.7 s here)
    printed = sh(PY, "bench/sweep_only.py", "--here")
    results["sweep"] = json.loads(
        printed[printed.rindex("\n{") + 1 :] if "\n{" in printed else printed
    )
    # kept whatever happens to the report: a long run is not lost to a bug in report.py
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-results.json").write_text(json.dumps(results, indent=2))
    results["machine"] = machine()
    results["machine"]["load"] = (
        f"{load_at_start} at the start, {results['machine']['load']} at the end"
    )
    write(results)


if __name__ == "__main__":
    main()
