"""The page measurements of `make bench`: the pages and the sessions they are requested with, the
gunicorn server, query counts, wrk latency, and the same pages while other cases change."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import threading
import time
import urllib.request

from environment import CONCURRENCY, DURATION, ENV, PORT, PY, ROOT


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


def cpu_per_request(path: str, who: str | None, cookies: dict[str, str], *, cold: bool) -> dict:
    """In-process: the CPU time and wall time of one request through the whole middleware stack,
    with the fragment cache on or off, in 8 blocks of 10 requests after 5 warm-up ones: the
    fastest block's mean (``cpu_ms``, the least disturbed by other work on a shared machine) and
    the median block's (``cpu_median_ms``, ``wall_ms``). Less noisy than wrk; the database
    server's own time is not in the CPU time."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    if who:
        name, value = cookies[who].split("=", 1)
        client.cookies[name] = value
    caches = dict(settings.CACHES)
    if cold:
        caches["fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    cpu_blocks, wall_blocks = [], []
    with override_settings(CACHES=caches):
        for _ in range(5):
            client.get(path)
        for _ in range(8):
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for _ in range(10):
                client.get(path)
            cpu_blocks.append((time.process_time() - cpu0) * 100)
            wall_blocks.append((time.perf_counter() - wall0) * 100)
    return {
        "cpu_ms": round(min(cpu_blocks), 2),
        "cpu_median_ms": round(statistics.median(cpu_blocks), 2),
        "wall_ms": round(statistics.median(wall_blocks), 2),
    }


def signed_in_pages() -> list[tuple[str, str, str | None]]:
    """The signed-in pages measured on both paths (COLD_PAGES), and their floors."""
    return [
        (label, path, who)
        for label, path, who in pages()
        if path and (label in COLD_PAGES or label.startswith("floor, signed in"))
    ]


def in_process(cookies: dict[str, str]) -> list[dict[str, object]]:
    """CPU per request of the signed-in pages and their floors, on both paths."""
    rows = []
    for label, path, who in signed_in_pages():
        for cold in (False, True):
            if cold and label.startswith("floor"):
                continue
            numbers = cpu_per_request(path, who, cookies, cold=cold)
            rows.append({"page": label, "who": who, "cold": cold, **numbers})
            print(f"in-process {label:<45} cold={cold!s:<5} {numbers}", flush=True)
    return rows


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


#: The signed-in pages of the performance targets: measured on both paths (served, and with the
#: fragment cache off), quiet and while other cases change, and in-process (CPU per request).
COLD_PAGES = (
    "caseworker queue, first page",
    "caseworker queue, filtered",
    "caseworker queue, by deadline",
    "case page (workspace)",
    "provider portal home",
)
#: Pages measured a second time while other cases change, as they do on a working day.
UNDER_WRITES = COLD_PAGES
WRITES_PER_SECOND = float(os.environ.get("BENCH_WRITES_PER_SECOND", "10"))


class CaseWriter(threading.Thread):
    """Reassigns other cases, WRITES_PER_SECOND times a second, through the service caseworkers
    use (a case saved, an audit entry written, the assignee told), between two caseworkers who
    are not the one measured, while a page is measured."""

    def __init__(self, exclude: set[str]) -> None:
        super().__init__(daemon=True)
        self.exclude, self.stopped, self.writes = exclude, threading.Event(), 0

    def run(self) -> None:
        from django.db import connection

        from gpai_cases.accounts.models import Role, User
        from gpai_cases.cases import services
        from gpai_cases.cases.models import Case

        # two caseworkers other than the one whose pages are measured (sessions(): the first):
        # an assignment writes to the assignee's inbox, and a page whose own reader gets a
        # message five times a second is not a page while *other* cases change
        measured = User.objects.filter(role=Role.CASEWORKER).first()
        people = list(
            User.objects.filter(role=Role.CASEWORKER, is_active=True)
            .exclude(pk=measured.pk)
            .order_by("pk")[:2]
        )
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
        for label, path, who in pages():
            if label not in UNDER_WRITES or not path:
                continue
            if cold:
                label = f"{label} — fragment cache off"
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
