"""The report of `make bench`: the targets and where this run stands, written to
docs/benchmarks.md and docs/benchmarks.json."""

from __future__ import annotations

import json

from environment import ROOT
from pages import COLD_PAGES


def _row(results: dict, size: str, page: str) -> dict:
    return next(r for r in results["sizes"][size]["pages"] if r["page"] == page)


def _find(results: dict, size: str, page: str) -> dict | None:
    return next((r for r in results["sizes"][size]["pages"] if r["page"] == page), None)


def _ratio(row: dict | None) -> str:
    return f"{row['p95_ms']:.1f} ms = {row['p95_vs_signed_in_floor']}×" if row else "not measured"


def _met(rows: list[dict | None], limit: float) -> bool:
    return all(r is not None and r["p95_vs_signed_in_floor"] <= limit for r in rows)


#: The limits of the performance issue (#21), p95 ÷ the signed-in floor.
SERVED_LIMIT, CACHE_OFF_LIMIT = 2.0, 3.5


def targets(results: dict) -> list[str]:
    """The targets of the performance issue, each with where it stands in this run."""
    m = results["machine"]
    sizes = sorted(results["sizes"], key=int)
    big = sizes[-1]
    out = [
        "## Targets",
        "",
        f"Run {results['date']} on {m['cpu']}, {m['cores']} cores, {m['memory']}"
        f"{'; load average ' + m['load'] if m.get('load') else ''}. "
        f"p95 ÷ the signed-in floor (the bare view with the page's own session). Served ≤ "
        f"{SERVED_LIMIT:g}× quiet and while other cases change; fragment cache off ≤ "
        f"{CACHE_OFF_LIMIT:g}×.",
        "",
        "| target | cases | served | served, other cases changing | fragment cache off "
        "| cache off, other cases changing | met |",
        "|---|---:|---|---|---|---|---|",
    ]
    for size in sizes:
        for page in COLD_PAGES:
            warm, cold = (
                _find(results, size, page),
                _find(results, size, f"{page} — fragment cache off"),
            )
            busy = [
                r
                for r in results["sizes"][size]["pages"]
                if r["page"].startswith(page) and " — while " in r["page"]
            ]
            busy_warm = next((r for r in busy if not r["cold"]), None)
            busy_cold = next((r for r in busy if r["cold"]), None)
            met = _met([warm, busy_warm], SERVED_LIMIT) and _met([cold], CACHE_OFF_LIMIT)
            out.append(
                f"| {page} | {int(size):,} | {_ratio(warm)} | {_ratio(busy_warm)} | "
                f"{_ratio(cold)} | {_ratio(busy_cold)} | {'yes' if met else 'no'} |"
            )
    out += ["", "| target | measured | met |", "|---|---|---|"]
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
        if data.get("in_process"):
            lines += [
                "In-process, through the whole middleware stack (Django test client, 8 blocks of "
                "10 requests after 5 warm-up ones): CPU time of the web process per request, the "
                "fastest block's mean and the median block's (the database server's own time "
                "excluded), its ratio to the signed-in floor of the same person, and the median "
                "block's wall time.",
                "",
                "| page | served CPU ms (median) | served ÷ floor | cache off CPU ms (median) "
                "| cache off ÷ floor | served wall ms | cache off wall ms |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            by_page: dict[str, dict[bool, dict]] = {}
            floors: dict[str | None, float] = {}
            for row in data["in_process"]:
                by_page.setdefault(row["page"], {})[row["cold"]] = row
                if row["page"].startswith("floor"):
                    floors[row["who"]] = row["cpu_ms"]

            for page, both in by_page.items():
                warm, cold = both.get(False, {}), both.get(True, {})
                (warm_cpu, warm_ratio) = _cpu_cell(warm, floors)
                (cold_cpu, cold_ratio) = _cpu_cell(cold, floors)
                lines.append(
                    f"| {page} | {warm_cpu} | {warm_ratio} | {cold_cpu} | {cold_ratio} | "
                    f"{warm.get('wall_ms', '—')} | {cold.get('wall_ms', '—')} |"
                )
            lines.append("")
        lines += _instruction_lines(data.get("instructions") or [])
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


def _cpu_cell(row: dict, floors: dict[str | None, float]) -> tuple[str, str]:
    """An in-process row's CPU (fastest block, median in brackets) and its ratio to the floor."""
    if not row:
        return "—", "—"
    median = row.get("cpu_median_ms")
    cpu = f"{row['cpu_ms']}" + (f" ({median})" if median is not None else "")
    floor = floors.get(row.get("who"))
    ratio = f"{row['cpu_ms'] / floor:.2f}×" if floor else "—"
    return cpu, ratio


def _instruction_lines(rows: list[dict]) -> list[str]:
    """The instructions per request (bench/instructions.py), with their ratio to the floor."""
    if not rows or all(r["m_instructions"] is None for r in rows):
        return []
    floors = {r["who"]: r["m_instructions"] for r in rows if r["page"].startswith("floor")}
    by_page: dict[str, dict[bool, float | None]] = {}
    for r in rows:
        by_page.setdefault(r["page"], {})[r["cold"]] = r["m_instructions"]

    def cell(n: float | None, who: str | None) -> str:
        if n is None:
            return "—"
        floor = floors.get(who)
        return f"{n} M" + (f" = {n / floor:.2f}×" if floor and n != floor else "")

    who_of = {r["page"]: r["who"] for r in rows}
    lines = [
        "Instructions executed per request (valgrind's callgrind, 10 requests after 3 warm-up "
        "ones, through the whole middleware stack; Python only, the database server's work not "
        "counted): the same build, data and requests give the same count to about 0.1%, whatever "
        "else the machine does. Ratio to the signed-in floor of the same person.",
        "",
        "| page | served | fragment cache off |",
        "|---|---:|---:|",
    ]
    for page, both in by_page.items():
        who = who_of[page]
        lines.append(f"| {page} | {cell(both.get(False), who)} | {cell(both.get(True), who)} |")
    return [*lines, ""]
