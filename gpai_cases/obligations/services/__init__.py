"""Every change to the obligations goes through these functions: the portal, the workspace, the
API and the admin call them. Each checks the actor's permission (:mod:`..access`) and the guards
(:mod:`..rules`), and writes the change with its audit entry in one transaction: on the
designation's case for model reports and incidents (:func:`gpai_cases.cases.audit.record`), in
the obligations' own trail otherwise (:func:`..audit.record`). Letters and messages follow from
the recorded events.

By concern: :mod:`.code_of_practice`, :mod:`.framework`, :mod:`.reports`, :mod:`.incidents`,
:mod:`.periods` (the periods kept as data)."""

from gpai_cases.core.errors import ActionRefused
from gpai_cases.documents.validation import UploadRefused

from .code_of_practice import code_of_practice_current, code_of_practice_record
from .framework import framework_dates_recompute, framework_file, framework_review
from .incidents import incident_dates_recompute, incident_report, incident_update
from .periods import (
    incident_kind_add,
    incident_kind_change,
    incident_kinds,
    period,
    period_change,
    periods,
)
from .reports import latest_report, model_report_file, report_due

__all__ = [
    "ActionRefused",
    "UploadRefused",
    "code_of_practice_current",
    "code_of_practice_record",
    "framework_dates_recompute",
    "framework_file",
    "framework_review",
    "incident_dates_recompute",
    "incident_kind_add",
    "incident_kind_change",
    "incident_kinds",
    "incident_report",
    "incident_update",
    "latest_report",
    "model_report_file",
    "period",
    "period_change",
    "periods",
    "report_due",
]
