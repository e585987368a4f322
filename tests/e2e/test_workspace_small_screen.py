"""At 375 px (a phone) no workspace page of the journey is wider than the screen: nothing makes the
reader scroll sideways (issue 17: one page was 14 px too wide)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gpai_cases.cases import services

from ..conftest import pdf_upload
from .test_ecl_pages import _as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = 375


def _too_wide(page, live_server, path: str) -> dict:
    """Open ``path`` at 375 px; the page's width and the elements that stick out, if any."""
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        """(phone) => {
          const width = document.documentElement.scrollWidth;
          const out = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > phone + 0.5)
            .slice(0, 5)
            .map(el => {
              const css = getComputedStyle(el);
              return el.outerHTML.slice(0, 160) + ' right=' + Math.round(el.getBoundingClientRect().right)
                + ' left=' + Math.round(el.getBoundingClientRect().left) + ' display=' + css.display
                + ' width=' + css.width + ' margin=' + css.margin + ' padding=' + css.padding;
            });
          return {width, out};
        }""",
        PHONE,
    )


def test_no_workspace_page_is_wider_than_a_phone(
    page, live_server, caseworker, approver, assessing_a, model_a
):
    case = assessing_a
    services.document_add(
        actor=caseworker,
        case=case,
        uploaded_file=pdf_upload("evaluation-report-with-a-long-name.pdf"),
        title="Independent evaluation report of Alpha-1",
        kind="report",
    )
    document = case.documents.filter(visibility="internal").get()
    services.information_request_send(
        actor=caseworker, case=case, kind="hearing", draft_reasoning="We intend to designate."
    )
    ref = case.reference
    pages = {
        "queue": reverse("workspace:queue"),
        "case": reverse("workspace:case", args=[ref]),
        "assessment": reverse("workspace:assessment", args=[ref]),
        "assign": reverse("workspace:assign", args=[ref]),
        "correct": reverse("workspace:correct", args=[ref]),
        "request": reverse("workspace:request_information", args=[ref]),
        "share": reverse("workspace:document_share", args=[ref, document.pk]),
        "reasoning": reverse("workspace:reasoning", args=[ref]),
        "propose": reverse("workspace:propose", args=[ref]),
        "ex officio": reverse("workspace:ex_officio"),
        "notifications due": reverse("workspace:notifications_due"),
        "providers": reverse("workspace:providers"),
        "provider": reverse("workspace:provider", args=[model_a.provider_id]),
        "model": reverse("workspace:model", args=[model_a.pk]),
        "enrolment": reverse("workspace:enrolment"),
        "incidents": reverse("workspace:incidents"),
        "publish": reverse("register:publish"),  # an approver's page too; 403 is narrow
    }
    _as(page, live_server, caseworker)
    page.set_viewport_size({"width": PHONE, "height": 800})
    wide = {}
    for name, path in pages.items():
        found = _too_wide(page, live_server, path)
        if found["width"] > PHONE:
            wide[name] = found
    assert wide == {}
