"""The provider portal: organisation, models, the notification wizard, case pages, answers to
requests, withdrawal and reassessment. Every view is scoped by the access rules; every change goes
through the service layer."""

from .cases import (
    add_supplementary,
    case_view,
    confidentiality,
    reassessment,
    respond,
    withdraw,
)
from .edits import claim_remove, claim_replace, correct, document_remove, document_replace
from .home import home, model_edit
from .obligations import (
    framework_file,
    incident_report,
    incident_update,
    incident_view,
    model_report_file,
    obligations,
)
from .requests import extension_request
from .wizard import notify_start, submitted, wizard

__all__ = [
    "add_supplementary",
    "case_view",
    "claim_remove",
    "claim_replace",
    "confidentiality",
    "correct",
    "document_remove",
    "document_replace",
    "extension_request",
    "framework_file",
    "home",
    "incident_report",
    "incident_update",
    "incident_view",
    "model_edit",
    "model_report_file",
    "notify_start",
    "obligations",
    "reassessment",
    "respond",
    "submitted",
    "withdraw",
    "wizard",
]
