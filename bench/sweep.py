"""The reminder sweep for `make bench`: the catch-up of never-swept data, the daily sweep and a
rerun (which must send nothing) at BENCH_SWEEP_OPEN_CASES open cases."""

from __future__ import annotations

import datetime
import time

from environment import PY, SWEEP_OPEN_CASES, sh


def bench_sweep() -> dict[str, object]:
    from django.db import connection
    from django.utils import timezone

    from gpai_cases.cases.models import Case
    from gpai_cases.reminders.sweep import FINDERS, sweep

    open_states = ["draft", "submitted", "under_assessment", "decision_proposed"]
    open_cases = Case.objects.filter(state__in=open_states).count()
    if open_cases < SWEEP_OPEN_CASES:  # top up: the target is stated for 100,000 open cases
        sh(
            PY,
            "manage.py",
            "generate_load_data",
            "--open-only",
            "--cases",
            str(SWEEP_OPEN_CASES - open_cases),
        )
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        open_cases = Case.objects.filter(state__in=open_states).count()
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    # The generated cases were never swept: the first run catches up every stage reached so far
    # (as after beat was down). It runs as of yesterday; today's run is then the daily sweep of a
    # system whose beat runs every day, and a rerun must find nothing left to send.
    t0 = time.perf_counter()
    found = sum(len(finder(yesterday)) for finder in FINDERS)
    find_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    catch_up = sweep(yesterday)
    catch_up_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        # as after loading: otherwise autovacuum works through the tens of thousands of rows the
        # catch-up wrote while the daily sweep is measured; and the catch-up's dirty pages are
        # written out now, not by a checkpoint that falls inside the daily sweep (seen: the same
        # code measured 1.5 s and 2.7 s in two runs of the day, 1.5 s in two runs on their own)
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    t0 = time.perf_counter()
    daily = sweep(today)
    daily_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rerun = sweep(today)
    rerun_s = time.perf_counter() - t0
    return {
        "open_cases": open_cases,
        "catch_up_found": found,
        "catch_up_find_s": round(find_s, 2),
        "catch_up_sent": catch_up,
        "catch_up_s": round(catch_up_s, 2),
        "daily_sent": daily,
        "daily_s": round(daily_s, 2),
        "rerun_sent": rerun,
        "rerun_s": round(rerun_s, 2),
    }
