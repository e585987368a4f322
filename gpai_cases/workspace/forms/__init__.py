"""The workspace's forms: every action of the AI Office is a Django form (docs/adr/0019)."""

from .assessment import FILE_AGAIN, ScorecardForm, initial_from
from .decisions import (
    YES,
    AssignForm,
    ClaimReviewForm,
    ConfirmForm,
    ProposeForm,
    ReturnForm,
    ShareForm,
)
from .opening import EX_OFFICIO_FIELDSETS, ExOfficioForm, ReassessmentOpenForm
from .requests import (
    DATE,
    DUE_DATE_HINT,
    ExtendRequestForm,
    ExtensionDecisionForm,
    RequestInformationForm,
    WithdrawRequestForm,
)

__all__ = [
    "DATE",
    "DUE_DATE_HINT",
    "EX_OFFICIO_FIELDSETS",
    "FILE_AGAIN",
    "YES",
    "AssignForm",
    "ClaimReviewForm",
    "ConfirmForm",
    "ExOfficioForm",
    "ExtendRequestForm",
    "ExtensionDecisionForm",
    "ProposeForm",
    "ReassessmentOpenForm",
    "RequestInformationForm",
    "ReturnForm",
    "ScorecardForm",
    "ShareForm",
    "WithdrawRequestForm",
    "initial_from",
]
