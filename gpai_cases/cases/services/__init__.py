"""Everything that changes a case goes through these functions: views and the API both call them.

Each function takes keyword arguments, checks the actor's permission (:mod:`..access`, raising
``PermissionDenied``) and the guards of :mod:`..rules` (``ActionRefused`` with the reasons in
words), and writes the change and its audit event in one transaction, with the case row locked so
that concurrent users cannot both act on the same state. Letters and messages follow from the
recorded events (:data:`..audit.recorded`), in the same transaction.

By concern:

- :mod:`.filing` — what the provider files: notification, reassessment request, documents, claims;
- :mod:`.lifecycle` — submit, withdraw, take up, assign, ex officio;
- :mod:`.requests` — requests for information and hearings, the assessment clock, and how a
  request ends (answered, lapsed, withdrawn); :mod:`.extensions` — extensions of its due date;
- :mod:`.outcomes` — claim reviews, proposals, return, approval and the designation;
- :mod:`.reassessment` — the Commission's reassessment of its own motion;
- :mod:`.dates` — dates that depend on other dates and on the holiday calendar;
- :mod:`.facts` — facts as filed: corrections of a submitted notification, model edits recorded
  on the open cases;
- :mod:`.records` — sharing internal documents, the read audit, corrections by the AI Office,
  confidentiality claims;
- :mod:`.base` — the transition helper and what every service shares.

Providers and models: :mod:`gpai_cases.providers.services` (re-exported here).
"""

from gpai_cases.core.errors import ActionRefused
from gpai_cases.providers.services import model_register, model_update, provider_create

from .base import refresh_next_deadline
from .dates import dates_recompute
from .extensions import (
    extension_grant,
    extension_refuse,
    extension_request,
    information_request_extend,
)
from .facts import model_change_record, notification_correct
from .filing import (
    case_create_notification,
    case_create_reassessment,
    claim_remove,
    claim_replace,
    claims_file,
    document_add,
    document_remove,
    notification_update,
    reassessment_draft_update,
)
from .lifecycle import case_assign, case_open_ex_officio, case_submit, case_take_up, case_withdraw
from .outcomes import claim_review, decision_approve, decision_propose, decision_return
from .reasoning import reasoning_save
from .reassessment import reassessment_open
from .records import confidentiality_claim_file, document_read, document_share, record_correct
from .requests import (
    information_request_answer,
    information_request_send,
    information_request_withdraw,
    information_requests_lapse,
)

__all__ = [
    "ActionRefused",
    "case_assign",
    "case_create_notification",
    "case_create_reassessment",
    "case_open_ex_officio",
    "case_submit",
    "case_take_up",
    "case_withdraw",
    "claim_remove",
    "claim_replace",
    "claim_review",
    "claims_file",
    "confidentiality_claim_file",
    "dates_recompute",
    "decision_approve",
    "decision_propose",
    "decision_return",
    "document_add",
    "document_read",
    "document_remove",
    "document_share",
    "extension_grant",
    "extension_refuse",
    "extension_request",
    "information_request_answer",
    "information_request_extend",
    "information_request_send",
    "information_request_withdraw",
    "information_requests_lapse",
    "model_change_record",
    "model_register",
    "model_update",
    "notification_correct",
    "notification_update",
    "provider_create",
    "reasoning_save",
    "reassessment_draft_update",
    "reassessment_open",
    "record_correct",
    "refresh_next_deadline",
]
