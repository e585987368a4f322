"""The reminder sweep alone, at BENCH_SWEEP_OPEN_CASES open cases, on a database of its own
(BENCH_DATABASE_URL): for working on the sweep without the whole of `make bench`.

    python bench/sweep_only.py --generate   # reset the database, generate, keep a dump
    python bench/sweep_only.py              # restore the dump, migrate, measure (JSON)
    python bench/sweep_only.py --profile    # the same under cProfile (top 40 by cumulative time)
    python bench/sweep_only.py --here       # measure on the database as it is (make bench does)

The dump (var/sweep-<N>.dump, pg_dump -Fc) lets each measurement start from the same never-swept
data without generating it again (about 100 s at 100,000 cases).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from environment import DB_URL, ENV, PY, ROOT, SWEEP_OPEN_CASES, django_setup, reset_database, sh

DUMP = ROOT / "var" / f"sweep-{SWEEP_OPEN_CASES}.dump"


def generate() -> None:
    reset_database()
    t0 = time.perf_counter()
    sh(PY, "manage.py", "generate_load_data", "--open-only", "--cases", str(SWEEP_OPEN_CASES))
    print(f"generated {SWEEP_OPEN_CASES} open cases in {time.perf_counter() - t0:.1f} s")
    import psycopg

    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    DUMP.parent.mkdir(exist_ok=True)
    subprocess.run(["pg_dump", "-Fc", "-d", DB_URL, "-f", str(DUMP)], check=True)


def restore() -> None:
    import psycopg

    base, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        ["pg_restore", "--no-owner", "-j", "2", "-d", DB_URL, str(DUMP)], check=True, env=ENV
    )
    sh(PY, "manage.py", "migrate", "--noinput", "-v0")
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def main() -> None:
    if "--here" in sys.argv:
        pass  # make bench: its own data, topped up to the open cases asked for
    elif "--generate" in sys.argv or not DUMP.exists():
        generate()
    else:
        restore()
    django_setup()
    from sweep import bench_sweep

    if "--profile" in sys.argv:
        # each sweep of the bench (catch-up, daily, rerun) profiled on its own
        import cProfile
        import pstats

        from gpai_cases.reminders import sweep as sweep_module

        plain, calls = sweep_module.sweep, []

        def profiled(today: object = None) -> int:
            profile = cProfile.Profile()
            sent = profile.runcall(plain, today)
            calls.append(profile)
            return sent

        sweep_module.sweep = profiled
        result = bench_sweep()
        for name, profile in zip(("catch-up", "daily", "rerun"), calls, strict=False):
            print(f"==== {name}")
            pstats.Stats(profile).sort_stats("cumulative").print_stats(35)
    elif "--queries" in sys.argv:
        # the daily sweep's queries, slowest first
        from django.db import connection

        from gpai_cases.reminders import sweep as sweep_module

        plain, timings = sweep_module.sweep, []

        def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings[-1].append((time.perf_counter() - t0, sql[:150]))

        def recorded(today: object = None) -> int:
            timings.append([])
            with connection.execute_wrapper(timed):
                return plain(today)

        sweep_module.sweep = recorded
        result = bench_sweep()
        for name, found in zip(("catch-up", "daily", "rerun"), timings, strict=False):
            total = sum(t for t, _sql in found)
            print(f"==== {name}: {len(found)} queries, {total:.2f} s")
            for t, sql in sorted(found, reverse=True)[:12]:
                print(f"{t:8.3f}  {sql}")
    else:
        result = bench_sweep()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
