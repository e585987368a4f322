"""`make bench`: page latency against a bare-view floor, query counts at two data sizes, letter
rendering and the reminder sweep. Results go to docs/benchmarks.md and docs/benchmarks.json.

Runs the app under gunicorn with production settings on PostgreSQL (BENCH_DATABASE_URL, default a
database `gpai_bench` on 127.0.0.1 that is dropped and re-created) and Redis (BENCH_REDIS_URL,
default database 5 on 127.0.0.1, emptied first), as docker-compose runs it; loads it with wrk.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


def sessions() -> dict[str, str]:
    """Signed-in session cookies for the pages that need them (second factor verified)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gpai_cases.accounts.models import Role, User
    from gpai_cases.providers.models import Membership

    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    cookies = {}
    provider_member = Membership.objects.select_related("user").first().user
    people = {
        "caseworker": User.objects.filter(role=Role.CASEWORKER).first(),
        "admin": User.objects.get_or_create(
            email="bench-admin@ai-office.example",
            defaults={"role": Role.ADMIN, "is_staff": True, "is_superuser": True},
        )[0],
        "provider": provider_member,
    }
    for name, user in people.items():
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="bench", defaults={"confirmed": True}
        )
        store = session_store()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store["otp_device_id"] = device.persistent_id
        store.create()
        cookies[name] = f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
    return cookies


def pages() -> list[tuple[str, str, str | None]]:
    """(label, path, who) — pages that exist in this build."""
    from django.urls import NoReverseMatch, reverse

    from gpai_cases.cases.models import Case
    from gpai_cases.providers.models import Membership

    case = Case.objects.filter(state="under_assessment").order_by("pk").first()
    member = Membership.objects.order_by("pk").first()
    wanted = [
        ("floor (bare view)", "floor", [], None, ""),
        # the same bare view with a signed-in session: the same middleware doing the same work
        # (session, user, second factor) as for the signed-in pages below
        ("floor, signed in as caseworker", "floor", [], "caseworker", ""),
        ("floor, signed in as provider", "floor", [], "provider", ""),
        ("admin changelist of cases", "admin:cases_case_changelist", [], "admin", ""),
        ("caseworker queue, first page", "workspace:queue", [], "caseworker", ""),
        (
            "caseworker queue, filtered",
            "workspace:queue",
            [],
            "caseworker",
            "?state=under_assessment&kind=notification",
        ),
        ("caseworker queue, by deadline", "workspace:queue", [], "caseworker", "?sort=deadline"),
        ("case page (workspace)", "workspace:case", [case.reference], "caseworker", ""),
        ("provider portal home", "portal:home", [], "provider", ""),
        ("public register HTML", "register:list", [], None, ""),
        ("public register JSON", "register:json", [], None, ""),
    ]
    result = []
    for label, name, args, who, query in wanted:
        try:
            result.append((label, reverse(name, args=args) + query, who))
        except NoReverseMatch:
            result.append((label, "", who))  # not built yet: reported as such
    del member
    return result


def query_count(path: str, who: str | None, cookies: dict[str, str]) -> int:
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if who:
        name, value = cookies[who].split("=", 1)
        client.cookies[name] = value
    caches["fragments"].clear()  # count the queries of a full render, not of a cache hit
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(ctx.captured_queries)


def wrk(path: str, who: str | None, cookies: dict[str, str]) -> dict[str, float]:
    args = [
        "wrk",
        "-t2",
        f"-c{CONCURRENCY}",
        f"-d{DURATION}",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "latency.lua"),
        # as browsers, feed readers and HTTP libraries ask (only the public list compresses)
        "-H",
        "Accept-Encoding: gzip, deflate",
    ]
    if who:
        args += ["-H", f"Cookie: {cookies[who]}"]
    out = subprocess.run(
        [*args, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def response_kb(path: str, who: str | None, cookies: dict[str, str]) -> float:
    """The size of the body as wrk receives it (same headers), in KB."""
    headers = {"Accept-Encoding": "gzip, deflate"}
    if who:
        headers["Cookie"] = cookies[who]
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
        return round(len(response.read()) / 1024, 1)


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "gpai_cases.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(os.cpu_count() or 2),
            "--log-level",
            "warning",
        ],
        env=ENV,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/_floor", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def publish_register() -> None:
    from gpai_cases.accounts.models import User
    from gpai_cases.register.services import publish

    publish(actor=User.objects.get(email="bench-admin@ai-office.example"))


def bench_letters() -> dict[str, object]:
    from django.db import transaction

    from gpai_cases.cases.models import Case, Decision, Designation, InformationRequest
    from gpai_cases.letters.models import Letter, LetterKind
    from gpai_cases.letters.rendering import render_pdf
    from gpai_cases.letters.services import letter_render

    samples: dict[str, list[float]] = {}
    cases = list(
        Case.objects.filter(kind="notification", state="submitted").select_related(
            "model__provider"
        )[:LETTERS_PER_KIND]
    )
    requests = list(
        InformationRequest.objects.select_related("case__model__provider")[:LETTERS_PER_KIND]
    )
    decisions = list(
        Decision.objects.filter(status="approved").select_related("case__model__provider")[
            :LETTERS_PER_KIND
        ]
    )
    ex_officio = list(
        Case.objects.filter(kind="ex_officio").select_related("model__provider")[:LETTERS_PER_KIND]
    )
    # reassessment outcomes: a maintain / revoke decision on a reassessment of each designation
    # (built in memory: the load data holds no decided reassessments)
    reassessments = []
    for i, designation in enumerate(
        Designation.objects.select_related("model__provider", "case")[:LETTERS_PER_KIND]
    ):
        case = Case(
            kind="reassessment",
            reference=f"{designation.case.reference}-R",
            model=designation.model,
            designation=designation,
            state="decided",
        )
        decision = Decision(
            case=case,
            outcome="maintain" if i % 2 else "revoke",
            status="approved",
            reasoning="The model still presents systemic risk. " * 20,
            decided_on=datetime.date.today(),
        )
        reassessments.append((case, decision))
    plans = {
        LetterKind.ACKNOWLEDGEMENT: [
            Letter(
                case=c, kind=LetterKind.ACKNOWLEDGEMENT, sequence=1, reference=f"{c.reference}/L01"
            )
            for c in cases
        ],
        LetterKind.INFORMATION_REQUEST: [
            Letter(
                case=r.case,
                kind=LetterKind.INFORMATION_REQUEST,
                sequence=2,
                reference=f"{r.case.reference}/L02",
                information_request=r,
            )
            for r in requests
        ],
        LetterKind.EX_OFFICIO_NOTICE: [
            Letter(
                case=c,
                kind=LetterKind.EX_OFFICIO_NOTICE,
                sequence=1,
                reference=f"{c.reference}/L01",
            )
            for c in ex_officio
        ],
        LetterKind.DECISION: [
            Letter(
                case=d.case,
                kind=LetterKind.DECISION,
                sequence=3,
                reference=f"{d.case.reference}/L03",
                decision=d,
            )
            for d in decisions
        ],
        LetterKind.REASSESSMENT_OUTCOME: [
            Letter(
                case=c,
                kind=LetterKind.REASSESSMENT_OUTCOME,
                sequence=4,
                reference=f"{c.reference}/L04",
                decision=d,
            )
            for c, d in reassessments
        ],
    }
    render_pdf(plans[LetterKind.ACKNOWLEDGEMENT][0])  # warm fonts
    for kind, letters in plans.items():
        times = []
        for letter in letters:
            t0 = time.perf_counter()
            pdf = render_pdf(letter)
            times.append((time.perf_counter() - t0) * 1000)
            assert pdf.startswith(b"%PDF-")
        samples[str(kind)] = times
    # end to end with storage, as one worker does it: render, hash, store, audit
    stored = []
    with transaction.atomic():
        for c in cases[:20]:
            letter = Letter.objects.create(
                case=c,
                kind=LetterKind.ACKNOWLEDGEMENT,
                sequence=99,
                reference=f"{c.reference}/B99",
                trigger_key=f"bench:{c.pk}",
            )
            t0 = time.perf_counter()
            letter_render(letter_id=letter.pk)
            stored.append(time.perf_counter() - t0)
        transaction.set_rollback(True)
    result: dict[str, object] = {}
    for kind, times in samples.items():
        times.sort()
        result[kind] = {
            "n": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        }
    result["letters_per_minute_one_worker"] = round(60 / statistics.mean(stored), 1)
    return result


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
        # catch-up wrote while the daily sweep is measured
        cursor.execute("VACUUM ANALYZE")
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
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "python": platform.python_version(),
        "postgresql": pg,
        "os": platform.platform(),
        "wrk": f"-t2 -c{CONCURRENCY} -d{DURATION}",
    }


COLD_PAGES = ("caseworker queue, first page", "case page (workspace)", "provider portal home")
#: Pages measured a second time while other cases change, as they do on a working day.
UNDER_WRITES = ("caseworker queue, first page", "case page (workspace)")
WRITES_PER_SECOND = float(os.environ.get("BENCH_WRITES_PER_SECOND", "10"))


class CaseWriter(threading.Thread):
    """Reassigns other cases, WRITES_PER_SECOND times a second, through the service caseworkers
    use (a case saved, an audit entry written), while a page is measured."""

    def __init__(self, exclude: set[str]) -> None:
        super().__init__(daemon=True)
        self.exclude, self.stopped, self.writes = exclude, threading.Event(), 0

    def run(self) -> None:
        from django.db import connection

        from gpai_cases.accounts.models import Role, User
        from gpai_cases.cases import services
        from gpai_cases.cases.models import Case

        people = list(User.objects.filter(role=Role.CASEWORKER, is_active=True)[:2])
        cases = list(
            Case.objects.filter(state="under_assessment")
            .exclude(reference__in=self.exclude)
            .order_by("pk")[:500]
        )
        try:
            while not self.stopped.wait(1 / WRITES_PER_SECOND):
                case = cases[self.writes % len(cases)]
                services.case_assign(
                    actor=people[0],
                    case=case,
                    assignee=people[self.writes % len(people)],
                    reason="bench: other work",
                )
                self.writes += 1
        finally:
            connection.close()


def measure(size: int, cookies: dict[str, str], *, cold: bool) -> list[dict[str, object]]:
    """wrk over every page (or, cold, over the cached pages with the fragment cache off)."""
    if cold:
        ENV["GPAI_FRAGMENT_CACHE"] = "0"
    server = start_server()
    rows: list[dict[str, object]] = []
    floors: dict[str | None, dict[str, float]] = {}
    try:
        for label, path, who in pages():
            is_floor = label.startswith("floor")
            if cold and not (is_floor or label in COLD_PAGES):
                continue
            if cold:
                label = label if is_floor else f"{label} — fragment cache off"
                if is_floor:
                    label = f"{label} (second server)"
            if not path:
                rows.append({"page": label, "status": "not built yet"})
                continue
            queries = query_count(path, who, cookies)
            wrk(path, who, cookies)  # warm-up
            kb = response_kb(path, who, cookies)
            numbers = wrk(path, who, cookies)
            if is_floor:
                floors[who] = numbers
            floor, same = floors[None], floors.get(who, floors[None])
            rows.append(
                {
                    "page": label,
                    "path": path,
                    "who": who,
                    "cold": cold,
                    "queries": queries,
                    "kb": kb,
                    **numbers,
                    "p95_vs_floor": round(numbers["p95_ms"] / floor["p95_ms"], 2),
                    "rps_vs_floor": round(numbers["rps"] / floor["rps"], 3),
                    "p95_vs_signed_in_floor": round(numbers["p95_ms"] / same["p95_ms"], 2),
                }
            )
            print(
                f"[{size}] {label:<60} q={queries:<3} p50={numbers['p50_ms']:.1f} ms "
                f"p95={numbers['p95_ms']:.1f} ms rps={numbers['rps']:.0f}",
                flush=True,
            )
        for label, path, who in [] if cold else pages():
            if label not in UNDER_WRITES or not path:
                continue
            # never the case whose page is measured: its page must stay what it was
            writer = CaseWriter(exclude={p.rstrip("/").rsplit("/", 1)[-1] for _, p, _ in pages()})
            writer.start()
            t0 = time.perf_counter()
            numbers = wrk(path, who, cookies)
            seconds = time.perf_counter() - t0
            writer.stopped.set()
            writer.join(timeout=30)
            same = floors.get(who, floors[None])
            quiet = next(r for r in rows if r["page"] == label)
            rows.append(
                {
                    "page": f"{label} — while {WRITES_PER_SECOND:g} other cases change per second",
                    "path": path,
                    "who": who,
                    "cold": cold,
                    "queries": quiet["queries"],
                    "kb": quiet["kb"],
                    "writes_per_second": round(writer.writes / seconds, 1),
                    **numbers,
                    "p95_vs_floor": round(numbers["p95_ms"] / floors[None]["p95_ms"], 2),
                    "rps_vs_floor": round(numbers["rps"] / floors[None]["rps"], 3),
                    "p95_vs_signed_in_floor": round(numbers["p95_ms"] / same["p95_ms"], 2),
                }
            )
            print(
                f"[{size}] {rows[-1]['page']:<60} p50={numbers['p50_ms']:.1f} ms "
                f"p95={numbers['p95_ms']:.1f} ms ({rows[-1]['writes_per_second']} writes/s)",
                flush=True,
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        ENV.pop("GPAI_FRAGMENT_CACHE", None)
    return rows


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
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
        results["sizes"][str(size)] = {"generate_s": round(gen_s, 1), "pages": rows}
    print("letters...", flush=True)
    results["letters"] = bench_letters()
    print("sweep...", flush=True)
    results["sweep"] = bench_sweep()
    results["machine"] = machine()
    write(results)


def _row(results: dict, size: str, page: str) -> dict:
    return next(r for r in results["sizes"][size]["pages"] if r["page"] == page)


def targets(results: dict) -> list[str]:
    """The targets of the performance issue, each with where it stands in this run."""
    sizes = sorted(results["sizes"], key=int)
    big = sizes[-1]
    out = [
        f"## Targets (at {int(big):,} cases)",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for page in COLD_PAGES:
        warm = _row(results, big, page)
        cold = _row(results, big, f"{page} — fragment cache off")
        busy = next(
            (r for r in results["sizes"][big]["pages"] if r["page"].startswith(f"{page} — while")),
            None,
        )
        busy_words = (
            f"; while {busy['writes_per_second']} other cases change per second: "
            f"{busy['p95_ms']:.1f} ms = {busy['p95_vs_signed_in_floor']}×"
            if busy
            else ""
        )
        out.append(
            f"| {page}: p95 ≤ 3× the floor | {warm['p95_ms']:.1f} ms = "
            f"{warm['p95_vs_signed_in_floor']}× the signed-in floor, {warm['p95_vs_floor']}× the "
            f"anonymous floor; fragment cache off: {cold['p95_vs_signed_in_floor']}× / "
            f"{cold['p95_vs_floor']}×{busy_words} | "
            f"{'yes' if warm['p95_vs_signed_in_floor'] <= 3 else 'no'} against the signed-in floor, "
            f"{'yes' if warm['p95_vs_floor'] <= 3 else 'no'} against the anonymous floor |"
        )
    if len(sizes) > 1:
        small = sizes[0]
        unequal = [
            r["page"]
            for r in results["sizes"][big]["pages"]
            if "queries" in r and r["queries"] != _row(results, small, r["page"])["queries"]
        ]
        out.append(
            f"| query count equal at {int(small):,} and {int(big):,} cases | "
            f"{'all equal' if not unequal else 'differ: ' + ', '.join(unequal)} | "
            f"{'yes' if not unequal else 'no'} |"
        )
    register = _row(results, big, "public register HTML")["rps"]
    admin = _row(results, big, "admin changelist of cases")["rps"]
    out.append(
        f"| public register ≥ 10× the admin changelist's throughput | {register:.0f} vs "
        f"{admin:.0f} req/s = {register / admin:.1f}× | {'yes' if register >= 10 * admin else 'no'} |"
    )
    medians = {k: v["median_ms"] for k, v in results["letters"].items() if isinstance(v, dict)}
    worst = max(medians, key=medians.get)
    out.append(
        f"| letter median ≤ 300 ms | slowest kind {worst}: {medians[worst]} ms | "
        f"{'yes' if medians[worst] <= 300 else 'no'} |"
    )
    s = results["sweep"]
    out.append(
        f"| sweep ≤ 2 s at 100,000 open cases, 0 duplicates | {s['open_cases']:,} open cases: "
        f"daily sweep {s['daily_s']} s ({s['daily_sent']:,} reminders sent), rerun "
        f"{s['rerun_s']} s ({s['rerun_sent']} sent); first catch-up of the never-swept data: "
        f"{s['catch_up_sent']:,} reminders in {s['catch_up_s']} s | "
        f"{'yes' if s['daily_s'] <= 2 and s['rerun_sent'] == 0 else 'no'} |"
    )
    return [*out, ""]


def write(results: dict) -> None:
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "benchmarks.json").write_text(json.dumps(results, indent=2) + "\n")
    m = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {results['date']} with `make bench` (gunicorn, production settings, PostgreSQL {m['postgresql']}).",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}; Python {m['python']}; load: wrk {m['wrk']}.",
        "",
    ]
    lines += targets(results)
    for size, data in results["sizes"].items():
        lines += [
            f"## {int(size):,} cases (generated in {data['generate_s']} s)",
            "",
            "p95 ÷ floor compares with the bare view requested anonymously; p95 ÷ signed-in floor "
            "with the same bare view requested with the page's own session cookie (the same "
            "middleware doing the same work: session, user, second factor). KB: the body as "
            "received with `Accept-Encoding: gzip, deflate` (sent with every request, as browsers do).",
            "",
            "| page | queries | KB | p50 ms | p95 ms | req/s | p95 ÷ floor | p95 ÷ signed-in floor | req/s ÷ floor |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in data["pages"]:
            if "status" in row:
                lines.append(f"| {row['page']} | — | — | — | — | — | {row['status']} | | |")
            else:
                lines.append(
                    f"| {row['page']} | {row['queries']} | {row.get('kb', '—')} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | "
                    f"{row['rps']:.0f} | {row['p95_vs_floor']} | {row.get('p95_vs_signed_in_floor', '')} | "
                    f"{row['rps_vs_floor']} |"
                )
        lines.append("")
    letters = results["letters"]
    lines += [
        "## Letters (WeasyPrint)",
        "",
        "| kind | letters | median ms | p95 ms |",
        "|---|---:|---:|---:|",
    ]
    for kind, row in letters.items():
        if isinstance(row, dict):
            lines.append(f"| {kind} | {row['n']} | {row['median_ms']} | {row['p95_ms']} |")
    lines += [
        "",
        f"One worker, render + hash + store + audit: {letters['letters_per_minute_one_worker']} letters per minute.",
        "",
    ]
    s = results["sweep"]
    lines += [
        "## Reminder sweep",
        "",
        f"{s['open_cases']:,} open cases, reminders sent in batches of 500 (dummy e-mail backend: "
        "rendering and recording, not SMTP):",
        "",
        "| run | reminders sent | seconds |",
        "|---|---:|---:|",
        f"| catch-up as of yesterday (the generated data was never swept; {s['catch_up_found']:,} "
        f"due, found in {s['catch_up_find_s']} s) | {s['catch_up_sent']:,} | {s['catch_up_s']} |",
        f"| daily sweep today | {s['daily_sent']:,} | {s['daily_s']} |",
        f"| the same sweep again (duplicates) | {s['rerun_sent']} | {s['rerun_s']} |",
        "",
    ]
    (docs / "benchmarks.md").write_text("\n".join(lines))
    print((docs / "benchmarks.md").read_text())


if __name__ == "__main__":
    main()
