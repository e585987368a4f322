"""Profile one page in-process against the bench database (run after `make bench`, or after
`generate_load_data` on BENCH_DATABASE_URL):

    .venv/bin/python bench/profile_page.py /workspace/ caseworker [--profile]

Prints the mean and p95 time per request over 50 requests, the query count and, with --profile,
the 25 most expensive functions (cumulative).
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import run  # the bench's own settings and sign-in helpers


def main() -> None:
    path, who = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None)
    run.ENV["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    run.django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cookies = run.sessions()
    client = Client(HTTP_HOST="127.0.0.1")
    if who:
        name, value = cookies[who].split("=", 1)
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    count = len(ctx.captured_queries)
    assert response.status_code == 200, response.status_code
    for q in ctx.captured_queries:
        print(f"{float(q['time']) * 1000:7.2f} ms  {q['sql'][:160]}")
    times = []
    for _ in range(50):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(
        f"{path}: {count} queries, mean {sum(times) / len(times):.1f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms"
    )
    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            client.get(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(
            sys.argv[-1] if sys.argv[-1] in ("tottime", "cumulative") else "cumulative"
        ).print_stats(45)


if __name__ == "__main__":
    main()
