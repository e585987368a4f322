"""The API's rows of the permission matrix (tests/security/test_permission_matrix.py): token
authentication, 401 without a token; the same scoping and roles as the pages."""

from __future__ import annotations

from .matrix_roles import API_200, API_400, API_403, PUBLIC, ROLES

API_MATRIX: dict[str, tuple] = {
    # the API (token authentication): 401 without a token; same scoping and roles as the pages
    "api:schema": (None, PUBLIC, "api-get"),
    "api:docs": (None, PUBLIC, "api-get"),
    "api:providers": (
        None,
        {**API_403, "caseworker": 400, "admin": 400},
        "api-post",
    ),  # 400: empty body
    "api:models": (None, {**API_200}, "api-get"),
    "api:models#post": (None, {**API_400, "approver": 403}, "api-post"),
    "api:model": (lambda w: [w["case_a"].model_id], {**API_200, "provider_b": 404}, "api-get"),
    "api:model#patch": (
        lambda w: [w["case_a"].model_id],
        {**API_200, "provider_b": 404, "approver": 403},
        "api-patch",
    ),  # an empty edit changes nothing
    "api:cases": (None, API_200, "api-get"),
    "api:cases#post": (None, API_400, "api-post"),  # the kind decides the role
    "api:case": (lambda w: [w["case_b"].reference], {**API_200, "provider_a": 404}, "api-get"),
    "api:case-documents": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "provider_b": 400, "caseworker": 400},
        "api-post",
    ),
    "api:case-arguments": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "provider_b": 400},
        "api-post",
    ),
    "api:case-corrections": (
        lambda w: [w["case_b"].reference],
        {**API_200, "provider_a": 404},
        "api-get",
    ),
    "api:case-corrections#post": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "provider_b": 400},
        "api-post",
    ),
    "api:document-remove": (
        lambda w: [w["doc_b"]],
        {**API_403, "provider_a": 404, "provider_b": 409},  # submitted: no longer a draft
        "api-post",
    ),
    "api:claim-remove": (
        lambda w: [w["claim_b"]],
        {**API_403, "provider_a": 404, "provider_b": 409},
        "api-post",
    ),
    "api:claim-replace": (
        lambda w: [w["claim_b"]],
        {**API_403, "provider_a": 404, "provider_b": 400},
        "api-post",
    ),
    "api:case-submit": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "provider_b": 409},
        "api-post",
    ),
    "api:case-withdraw": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "provider_b": 409},
        "api-post",
    ),
    "api:case-take-up": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "caseworker": 409},
        "api-post",
    ),
    "api:case-information-requests": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "caseworker": 409},
        "api-post",
    ),
    "api:case-information-requests#get": (
        lambda w: [w["case_b"].reference],
        {**API_200, "provider_a": 404},
        "api-get",
    ),
    "api:case-propose": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "caseworker": 400},
        "api-post",
    ),
    "api:case-return": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "approver": 409},
        "api-post",
    ),
    "api:case-approve": (
        lambda w: [w["case_b"].reference],
        {**API_403, "provider_a": 404, "approver": 409},
        "api-post",
    ),
    "api:case-events": (
        lambda w: [w["case_b"].reference],
        {**API_200, "provider_a": 404},
        "api-get",
    ),
    "api:case-letters": (
        lambda w: [w["case_b"].reference],
        {**API_200, "provider_a": 404},
        "api-get",
    ),
    "api:information-request-respond": (
        lambda w: [w["rfi_b"]],
        {**API_403, "provider_a": 404, "provider_b": 400},
        "api-post",
    ),
    # requests over time: empty bodies are refused (400 a missing date, 409 a missing reason)
    "api:information-request-withdraw": (
        lambda w: [w["rfi_b"]],
        {**API_403, "provider_a": 404, "caseworker": 409},
        "api-post",
    ),
    "api:information-request-extend": (
        lambda w: [w["rfi_b"]],
        {**API_403, "provider_a": 404, "caseworker": 400},
        "api-post",
    ),
    "api:information-request-extension-requests": (
        lambda w: [w["rfi_b"]],
        {**API_403, "provider_a": 404, "provider_b": 400},
        "api-post",
    ),
    "api:extension-request-grant": (
        lambda w: [w["extension_b"]],
        {**API_403, "provider_a": 404, "caseworker": 400},
        "api-post",
    ),
    "api:extension-request-refuse": (
        lambda w: [w["extension_b"]],
        {**API_403, "provider_a": 404, "caseworker": 409},
        "api-post",
    ),
    "api:claim-review": (
        lambda w: [w["claim_b"]],
        {**API_403, "provider_a": 404, "caseworker": 400},
        "api-post",
    ),
    "api:document-download": (lambda w: [w["doc_b"]], {**API_200, "provider_a": 404}, "api-get"),
    "api:designations": (None, API_200, "api-get"),
    "api:designation": (lambda w: [w["designation_a"]], {**API_200, "provider_b": 404}, "api-get"),
    "api:designation-reassess": (
        lambda w: [w["designation_a"]],
        {**API_403, "provider_b": 404, "caseworker": 400},
        "api-post",
    ),
    "api:publications": (None, PUBLIC, "api-get"),
    "api:publications#post": (None, {**API_403, "admin": 201}, "api-post"),
    "api:messages": (None, API_200, "api-get"),
    "api:message-read": (
        lambda w: [w["message_b"]],
        {**dict.fromkeys(ROLES, 404), "anonymous": 401, "provider_b": 200},
        "api-post",
    ),
}
