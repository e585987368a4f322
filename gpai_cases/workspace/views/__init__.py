"""The AI Office's workspace: queue, case page and the actions of caseworkers and approvers.

Every action calls the service layer; refusals come back with the reasons in words.
"""

from .actions import (
    approve,
    assign,
    propose,
    regenerate_letter,
    request_information,
    return_proposal,
    review_claim,
    take_up,
)
from .assessment import assessment
from .case import case_view
from .incidents import incident_queue, incident_view
from .obligations import (
    code_of_practice_record,
    framework_review,
    model_view,
    provider_view,
    providers_list,
)
from .opening import open_ex_officio, open_reassessment
from .queue import queue_csv, queue_view
from .records import correct, document_share, notifications_due
from .requests import extension_decide, request_extend, request_withdraw

__all__ = [
    "approve",
    "assessment",
    "assign",
    "case_view",
    "code_of_practice_record",
    "correct",
    "document_share",
    "extension_decide",
    "framework_review",
    "incident_queue",
    "incident_view",
    "model_view",
    "notifications_due",
    "open_ex_officio",
    "open_reassessment",
    "propose",
    "provider_view",
    "providers_list",
    "queue_csv",
    "queue_view",
    "regenerate_letter",
    "request_extend",
    "request_information",
    "request_withdraw",
    "return_proposal",
    "review_claim",
    "take_up",
]
