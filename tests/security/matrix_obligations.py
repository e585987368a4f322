"""The rows of the permission matrix for the obligations after designation (provider A's records;
another provider's are "not found"), and the records they need — kept here so that the matrix
stays readable (tests/security/test_permission_matrix.py merges them)."""

from __future__ import annotations


def obligation_rows(*, PORTAL, PORTAL_A, OFFICE_200, API_200, API_403) -> dict[str, tuple]:
    return {
        "obligation_file_download": (
            lambda w: [w["file_a"]],
            {**OFFICE_200, "provider_a": 200, "provider_b": 404},
            "get",
        ),
        "portal:obligations": (None, PORTAL, "get"),
        "portal:framework_file": (None, PORTAL, "get"),
        "portal:model_report_file": (lambda w: [w["designation_a"]], PORTAL_A, "get"),
        "portal:incident_report": (lambda w: [w["designation_a"]], PORTAL_A, "get"),
        "portal:incident": (lambda w: [w["incident_a"]], PORTAL_A, "get"),
        "portal:incident_update": (lambda w: [w["incident_a"]], PORTAL_A, "get"),
        "workspace:providers": (None, OFFICE_200, "get"),
        "workspace:provider": (lambda w: [w["provider_a"]], OFFICE_200, "get"),
        "workspace:code_of_practice": (
            lambda w: [w["provider_a"]],
            {**OFFICE_200, "approver": 403},
            "get",
        ),
        "workspace:framework_review": (
            lambda w: [w["framework_a"]],
            {**OFFICE_200, "approver": 403, "admin": 403},
            "get",
        ),
        "workspace:model": (lambda w: [w["case_a"].model_id], OFFICE_200, "get"),
        "workspace:incidents": (None, OFFICE_200, "get"),
        "workspace:incident": (lambda w: [w["incident_a"]], OFFICE_200, "get"),
        "api:provider-code-of-practice": (
            lambda w: [w["provider_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
        "api:provider-code-of-practice#post": (
            lambda w: [w["provider_a"]],
            {**API_403, "provider_b": 404, "caseworker": 400, "admin": 400},
            "api-post",
        ),
        "api:provider-framework": (
            lambda w: [w["provider_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
        "api:provider-framework#post": (
            lambda w: [w["provider_a"]],
            {**API_403, "provider_a": 400, "provider_b": 404},
            "api-post",
        ),
        "api:framework-reviews": (
            lambda w: [w["framework_a"]],
            {**API_403, "provider_b": 404, "caseworker": 400},
            "api-post",
        ),
        "api:designation-model-reports": (
            lambda w: [w["designation_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
        "api:designation-model-reports#post": (
            lambda w: [w["designation_a"]],
            {**API_403, "provider_a": 400, "provider_b": 404},
            "api-post",
        ),
        "api:designation-incidents": (
            lambda w: [w["designation_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
        "api:designation-incidents#post": (
            lambda w: [w["designation_a"]],
            {**API_403, "provider_a": 400, "provider_b": 404},
            "api-post",
        ),
        "api:designation-timeline": (
            lambda w: [w["designation_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
        "api:incidents": (None, API_200, "api-get"),
        "api:incident": (lambda w: [w["incident_a"]], {**API_200, "provider_b": 404}, "api-get"),
        "api:incident-reports": (
            lambda w: [w["incident_a"]],
            {**API_403, "provider_a": 400, "provider_b": 404},
            "api-post",
        ),
        "api:incident-kinds": (None, API_200, "api-get"),
        "api:obligation-file-download": (
            lambda w: [w["file_a"]],
            {**API_200, "provider_b": 404},
            "api-get",
        ),
    }


def obligations_of_a(member_a, designation_a) -> dict[str, int]:
    """Provider A's obligations after designation: a framework, a model report, an incident."""
    from django.utils import timezone

    from gpai_cases.obligations import seed
    from gpai_cases.obligations import services as obligations

    from ..conftest import pdf_upload

    seed.ensure()
    framework = obligations.framework_file(
        actor=member_a,
        provider=designation_a.model.provider,
        summary="S",
        uploaded_file=pdf_upload("framework.pdf"),
    )
    obligations.model_report_file(
        actor=member_a, designation=designation_a, summary="S", uploaded_file=pdf_upload()
    )
    incident = obligations.incident_report(
        actor=member_a,
        designation=designation_a,
        kind="death",
        title="T",
        aware_on=timezone.localdate(),
        what_happened="W",
        corrective_measures="C",
    )
    return {
        "provider_a": designation_a.model.provider_id,
        "framework_a": framework.pk,
        "file_a": framework.file_id,
        "incident_a": incident.pk,
    }
