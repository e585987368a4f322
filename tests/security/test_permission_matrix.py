"""Every URL × every role × objects of provider A and provider B: the expected answer.

A URL added to the project without a row here fails ``test_every_url_has_a_row_in_the_matrix``.
Expected answers: 200 shown, 302 sent to sign in (or onwards), 403 role not allowed, 404 not found
(another provider's object is "not found", never "forbidden"), 405 wrong method.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gpai_cases.cases import services
from gpai_cases.register import services as register
from gpai_cases.reminders.models import CalendarFeed, InboxMessage

from ..conftest import file_draft_notification
from .matrix_accounts import ACCOUNT_MATRIX
from .matrix_api import API_MATRIX
from .matrix_obligations import obligation_rows, obligations_of_a
from .matrix_roles import (
    ADMIN_ONLY,
    API_200,
    API_403,
    OFFICE_200,
    OFFICE_403,
    PORTAL,
    PORTAL_A,
    PORTAL_B,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    one,
)

# url name → (how to build its arguments from the world, {role: expected status}, method)
MATRIX: dict[str, tuple] = {
    "home": (None, one(302), "get"),  # → sign in, the portal or the queue
    "inbox": (None, SIGNED_IN, "get"),
    # a message is its recipient's own: "not found" for everybody else
    "inbox_open": (
        lambda w: [w["message_b"]],
        {**one(404), "anonymous": 302, "provider_b": 302},
        "get",
    ),
    "message_preferences": (None, SIGNED_IN, "get"),
    "calendar": (None, SIGNED_IN, "get"),
    "calendar_renew": (None, one(405), "get"),  # a POST
    "calendar_revoke": (None, one(405), "get"),
    # the secret address is the key: anyone who has it reads that person's deadlines
    "calendar_feed": (lambda w: [w["feed_b"]], PUBLIC, "get"),
    "calendar_feed#unknown": (lambda w: ["not-a-token"], one(404), "get"),
    "healthz": (None, PUBLIC, "get"),
    "set_language": (None, one(405), "get"),  # a POST, open to everyone (signed in or not)
    "health": (None, PUBLIC, "get"),
    # no worker consumes the default queue during the tests: the worker's health is "unavailable"
    "health_worker": (None, one(500), "get"),
    "login": (None, PUBLIC, "get"),
    "logout": (None, one(405), "get"),  # sign-out is a POST
    # staff are signed in with a verified second factor (the second factor is on): set-up sends
    # them on to verify; providers without a device are sent from verify to set-up
    "second_factor_setup": (None, {**PORTAL, **dict.fromkeys(ROLES[3:], 302)}, "get"),
    "second_factor_verify": (
        None,
        {"anonymous": 302, "provider_a": 302, "provider_b": 302, **dict.fromkeys(ROLES[3:], 200)},
        "get",
    ),
    "second_factor_backup_codes": (None, SIGNED_IN, "get"),
    # anyone holding a letter checks it here, signed in or not (docs/adr/0011)
    "letter_verify": (None, PUBLIC, "get"),
    "register:list": (None, PUBLIC, "get"),
    "register:archive": (None, PUBLIC, "get"),
    "register:json": (None, PUBLIC, "get"),
    "register:csv": (None, PUBLIC, "get"),
    "register:atom": (None, PUBLIC, "get"),
    "register:schema": (None, PUBLIC, "get"),
    "register:entry": (lambda w: [w["entry_id"]], PUBLIC, "get"),
    "register:publication": (lambda w: [1], PUBLIC, "get"),
    "register:publish": (None, ADMIN_ONLY, "get"),
    "register:published": (lambda w: [1], ADMIN_ONLY, "get"),
    # downloads: the owner and the AI Office; another provider gets "not found"
    "document_download": (
        lambda w: [w["doc_a"]],
        {**OFFICE_200, "provider_a": 200, "provider_b": 404},
        "get",
    ),
    "document_download#b": (
        lambda w: [w["doc_b"]],
        {**OFFICE_200, "provider_a": 404, "provider_b": 200},
        "get",
    ),
    # the portal: provider members only, each its own objects (another's are "not found")
    "portal:home": (None, PORTAL, "get"),
    "portal:model_new": (None, PORTAL, "get"),
    "portal:model_edit": (lambda w: [w["case_a"].model_id], PORTAL_A, "get"),
    "portal:notify": (lambda w: [w["case_a"].model_id], PORTAL_A, "get"),
    "portal:case": (lambda w: [w["case_a"].reference], PORTAL_A, "get"),
    "portal:case#b": (lambda w: [w["case_b"].reference], PORTAL_B, "get"),
    "portal:wizard": (
        lambda w: [w["case_a"].reference, "trigger"],
        {**PORTAL_A, "provider_a": 302},
        "get",
    ),
    "portal:submitted": (lambda w: [w["case_a"].reference], PORTAL_A, "get"),
    "portal:respond": (lambda w: [w["case_b"].reference, w["rfi_b"]], PORTAL_B, "get"),
    "portal:supplementary": (
        lambda w: [w["case_b"].reference],
        {**PORTAL_B, "provider_b": 302},
        "get",
    ),
    "portal:withdraw": (lambda w: [w["case_a"].reference], PORTAL_A, "get"),
    "portal:extension_request": (lambda w: [w["case_b"].reference, w["rfi_b"]], PORTAL_B, "get"),
    # facts as filed: corrections of a submitted notification; a draft's removals (a confirmation
    # page first; on a submitted case it shows why not)
    "portal:correct": (lambda w: [w["case_b"].reference], PORTAL_B, "get"),
    "portal:document_remove": (lambda w: [w["case_b"].reference, w["doc_b"]], PORTAL_B, "get"),
    "portal:document_replace": (lambda w: [w["case_b"].reference, w["doc_b"]], PORTAL_B, "get"),
    "portal:claim_remove": (lambda w: [w["case_b"].reference, w["claim_b"]], PORTAL_B, "get"),
    "portal:claim_replace": (lambda w: [w["case_b"].reference, w["claim_b"]], PORTAL_B, "get"),
    "portal:confidentiality": (lambda w: [w["case_a"].reference], PORTAL_A, "get"),
    "portal:reassessment": (lambda w: [w["designation_a"]], PORTAL_A, "get"),
    # the workspace: AI Office only
    "workspace:queue": (None, OFFICE_200, "get"),
    "workspace:assessment": (lambda w: [w["case_b"].reference], OFFICE_200, "get"),
    "workspace:queue_csv": (None, OFFICE_200, "get"),
    "workspace:notifications_due": (None, OFFICE_200, "get"),
    # corrections: caseworkers and approvers; sharing an internal document: caseworkers
    "workspace:correct": (lambda w: [w["case_b"].reference], {**OFFICE_200, "admin": 403}, "get"),
    "workspace:document_share": (
        lambda w: [w["case_b"].reference, w["doc_b"]],
        {**OFFICE_200, "approver": 403, "admin": 403},
        "get",
    ),
    "workspace:ex_officio": (None, {**OFFICE_200, "approver": 403, "admin": 403}, "get"),
    "workspace:open_reassessment": (
        lambda w: [w["designation_a"]],
        {**OFFICE_200, "approver": 403, "admin": 403},
        "get",
    ),
    "workspace:case": (lambda w: [w["case_a"].reference], OFFICE_200, "get"),
    # the reasoning: caseworkers draft it, the AI Office reads it; the letter's preview is for
    # caseworkers and approvers
    "workspace:reasoning": (lambda w: [w["case_b"].reference], OFFICE_200, "get"),
    "workspace:letter_preview": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_200, "admin": 403},
        "get",
    ),
    "workspace:case#b": (lambda w: [w["case_b"].reference], OFFICE_200, "get"),
    # actions (POST): refused by role (403), or run and sent back to the case page (302)
    "workspace:take_up": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "caseworker": 302},
        "post",
    ),
    # the pages of the actions (a Django form each; GET shows it): the roles that may act
    "workspace:assign": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "caseworker": 200, "approver": 200},
        "get",
    ),
    "workspace:request_information": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    # the pages of a request's withdrawal, extension and the decision on more time: caseworkers
    "workspace:request_withdraw": (
        lambda w: [w["case_b"].reference, w["rfi_b"]],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    "workspace:request_extend": (
        lambda w: [w["case_b"].reference, w["rfi_b"]],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    "workspace:extension_decide": (
        lambda w: [w["case_b"].reference, w["extension_b"]],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    "workspace:review_claim": (
        lambda w: [w["case_b"].reference, w["claim_b"]],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    "workspace:propose": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "caseworker": 200},
        "get",
    ),
    # approving: a confirmation page first (GET, or a POST without confirm=yes)
    "workspace:approve": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "approver": 200},
        "get",
    ),
    "workspace:approve#post": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "approver": 200},
        "post",
    ),
    "workspace:return": (
        lambda w: [w["case_b"].reference],
        {**OFFICE_403, "approver": 200},
        "get",
    ),
    "workspace:regenerate_letter": (
        lambda w: [w["case_b"].reference, w["letter_b"]],
        {**OFFICE_403, "caseworker": 302},
        "post",
    ),
}
MATRIX.update(API_MATRIX)
MATRIX.update(ACCOUNT_MATRIX)
MATRIX.update(
    obligation_rows(
        PORTAL=PORTAL,
        PORTAL_A=PORTAL_A,
        OFFICE_200=OFFICE_200,
        API_200=API_200,
        API_403=API_403,
    )
)
# Django's own admin site has its own permission system (staff only); its index is checked here.
ADMIN_INDEX = {
    "anonymous": 302,
    "provider_a": 302,
    "provider_b": 302,
    "caseworker": 302,
    "approver": 302,
    "admin": 200,
}


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                ns = p.namespace if p.namespace else namespace
                walk(
                    p.url_patterns,
                    f"{namespace}:{p.namespace}" if namespace and p.namespace else ns,
                )
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return names


def api_call(world, role: str, method: str, url: str):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    if role != "anonymous":
        token = Token.objects.get_or_create(user=world["users"][role])[0]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    if method == "post":
        return client.post(url, {}, format="json")
    if method == "patch":
        return client.patch(url, {}, format="json")
    return client.get(url)


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(all_url_names() - {name.split("#")[0] for name in MATRIX})
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


@pytest.fixture
def world(member_a, member_b, model_a, model_b, caseworker, approver, office_admin):
    case_a = file_draft_notification(member_a, model_a)
    case_b = file_draft_notification(member_b, model_b)
    claim_b = services.claims_file(
        actor=member_b, case=case_b, claims=[{"text": "Small reach", "basis": "reach"}]
    )[0]
    for case, member in ((case_a, member_a), (case_b, member_b)):
        services.case_submit(actor=member, case=case)
        services.case_take_up(actor=caseworker, case=case)
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_propose(actor=caseworker, case=case_a, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case_a)
    register.publish(actor=office_admin)
    users = {
        "provider_a": member_a,
        "provider_b": member_b,
        "caseworker": caseworker,
        "approver": approver,
        "admin": office_admin,
    }
    rfi_b = services.information_request_send(actor=caseworker, case=case_b, questions=["Q"])
    extension_b = services.extension_request(
        actor=member_b,
        request=rfi_b,
        reason="Our team is away.",
        proposed_due_date=rfi_b.due_date + datetime.timedelta(days=7),
    )
    obligations = obligations_of_a(member_a, case_a.resulting_designation)
    return {
        **obligations,
        "users": users,
        "message_b": InboxMessage.objects.filter(user=member_b).first().pk,
        "feed_b": CalendarFeed.objects.create(user=member_b, token="b-secret-calendar").token,
        "case_a": case_a,
        "case_b": case_b,
        "claim_b": claim_b.pk,
        "doc_a": case_a.documents.first().pk,
        "doc_b": case_b.documents.first().pk,
        "letter_b": case_b.letters.first().pk,
        "rfi_b": rfi_b.pk,
        "extension_b": extension_b.pk,
        "designation_a": case_a.resulting_designation.pk,
        "entry_id": register.entry_id_for(case_a.resulting_designation),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    failures = []
    for name, (args, expected, method) in MATRIX.items():
        url = reverse(name.split("#")[0], args=args(world) if args else None)
        if method.startswith("api-"):
            response = api_call(world, role, method[4:], url)
        else:
            response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            failures.append(
                f"{method.upper()} {url} ({name}): {response.status_code}, expected {expected[role]}"
            )
    admin = client.get(reverse("admin:index"))
    if admin.status_code != ADMIN_INDEX[role]:
        failures.append(f"GET /admin/: {admin.status_code}, expected {ADMIN_INDEX[role]}")
    assert not failures, f"{role}:\n" + "\n".join(failures)
