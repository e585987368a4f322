"""Django's template engine against Jinja2 on the queue's 50 rows (docs/adr/0021, 0026): the same
rows, the same markup, rendered 500 times each; prints the mean CPU time per render.

    .venv/bin/python bench/template_engines.py

The last two lines are the app's way (docs/adr/0026): values escaped by the view, the words in the
context; Django's template against the app's own row template (templates/jinja2/rows/queue.jinja,
read by subscript) through the ``rows`` engine.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gpai_cases.settings.test")

ROWS = """{% for r in rows %}
  <tr>
    <td><a href="{{ r.url }}">{{ r.reference }}</a></td>
    <td><a href="?provider={{ r.provider_id }}&amp;sort={{ f.sort }}" title="Only this provider's cases">{{ r.provider_name }}</a></td>
    <td>{{ r.model }}</td>
    <td>{{ r.kind }}{% if r.original %} of <a href="{{ r.original_url }}" title="The case whose decision is reviewed">{{ r.original }}</a>{% endif %}</td>
    <td>{{ r.state }}{% if r.late %} <span class="badge late">late</span>{% endif %}{% if r.escalated %} <span class="badge overdue">escalated</span>{% endif %}</td>
    <td>{{ r.assignee }}</td>
    <td>{{ r.days_in_state }}</td>
    <td>{% if r.deadline %}{{ r.deadline }} <span class="meta">({{ r.deadline_kind }})</span>
      {% if r.overdue %}<span class="badge overdue">overdue</span>{% elif r.due_soon %}<span class="badge soon">due within 3 days</span>{% endif %}{% else %}—{% endif %}</td>
  </tr>
{% endfor %}"""
#: The same rows with their words marked for translation, as the app's templates must be.
DJANGO_I18N = "{% load i18n %}" + ROWS.replace(
    "Only this provider's cases", '{% translate "Only this provider’s cases" %}'
).replace(">late<", '>{% translate "late" %}<').replace(">overdue<", '>{% translate "overdue" %}<')
JINJA_I18N = (
    ROWS.replace("Only this provider's cases", "{{ _('Only this provider’s cases') }}")
    .replace(">late<", ">{{ _('late') }}<")
    .replace(">overdue<", ">{{ _('overdue') }}<")
)


def rows() -> list[dict]:
    return [
        {
            "url": f"/workspace/cases/GPAI-2026-{i:04d}/",
            "reference": f"GPAI-2026-{i:04d}",
            "provider_id": i % 40,
            "provider_name": f"Provider {i % 40} SE",
            "model": f"Model {i} 1.0",
            "kind": "Notification",
            "original": "" if i % 5 else f"GPAI-2025-{i:04d}",
            "original_url": "" if i % 5 else f"/workspace/cases/GPAI-2025-{i:04d}/",
            "state": "Under assessment",
            "late": i % 7 == 0,
            "escalated": i % 11 == 0,
            "assignee": "Carla Caseworker",
            "days_in_state": i % 30,
            "deadline": "Mon 7 Dec 2026",
            "deadline_kind": "assessment",
            "overdue": i % 3 == 0,
            "due_soon": i % 3 == 1,
        }
        for i in range(50)
    ]


def timed(render, n: int = 500) -> float:
    for _ in range(20):
        render()
    # CPU time of this process: on a shared machine, less noisy than the wall clock
    t0 = time.process_time()
    for _ in range(n):
        render()
    return (time.process_time() - t0) * 1000 / n


def main() -> None:
    import django

    django.setup()
    import jinja2
    from django.template import engines
    from django.utils import translation

    translation.activate("fr")
    context = {"rows": rows(), "f": {"sort": "deadline"}}
    django_engine = engines["django"]
    jinja = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinja.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    d_rows, d_i18n = django_engine.from_string(ROWS), django_engine.from_string(DJANGO_I18N)
    j_rows, j_i18n = jinja.from_string(ROWS), jinja.from_string(JINJA_I18N)
    figures = {
        "Django, compiled on every render": timed(
            lambda: django_engine.from_string(ROWS).render(context)
        ),
        "Django, compiled once": timed(lambda: d_rows.render(context)),
        "Django, words translated": timed(lambda: d_i18n.render(context)),
        "Jinja2, compiled once": timed(lambda: j_rows.render(**context)),
        "Jinja2, words translated": timed(lambda: j_i18n.render(**context)),
    }
    from gpai_cases.core.escaping import escaped
    from gpai_cases.core.rows import render_rows

    prepared = [
        {
            **{k: escaped(v) for k, v in r.items() if not isinstance(v, bool)},
            **{k: v for k, v in r.items() if isinstance(v, bool)},
            "provider_url": escaped(f"?provider={r['provider_id']}&sort=deadline"),
        }
        for r in rows()
    ]
    words = {w: escaped(w) for w in ("only_provider", "of", "reviewed", "late", "escalated")}
    words |= {"overdue": escaped("overdue"), "due_soon": escaped("due within 3 days")}
    # the Django loop the queue had before docs/adr/0026, from the row template's own markup
    loop = (ROOT / "templates" / "jinja2" / "rows" / "queue.jinja").read_text().split("-#}", 1)[1]
    loop = re.sub(r'(\w+)\["(\w+)"\]', r"\1.\2", loop).replace("not loop.last", "not forloop.last")
    d_app = django_engine.from_string(loop)
    figures["Django, values escaped by the view"] = timed(
        lambda: d_app.render({"rows": prepared, "words": words})
    )
    figures["Jinja2 rows engine, as the app renders"] = timed(
        lambda: render_rows("queue.jinja", rows=prepared, words=words)
    )
    print(
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, 50 rows, mean CPU time per render:"
    )
    for name, ms in figures.items():
        print(f"  {name:<40} {ms:6.2f} ms")


if __name__ == "__main__":
    main()
