"""The procedure of Art 52: cases, what was filed in them, and what was decided.

By concern: :mod:`.case` (the case and its lifecycle), :mod:`.filing` (notification, claims),
:mod:`.requests` (requests for information, the clock), :mod:`.outcomes` (decisions,
designations), :mod:`.calendar` (holidays), :mod:`.events` (the audit trail).
"""

from .calendar import CalendarYear, PublicHoliday
from .case import (
    OPEN_STATES,
    OUTCOMES_BY_KIND,
    Case,
    ExOfficioBasis,
    Initiative,
    Kind,
    Outcome,
    ReferenceSequence,
    State,
    filed_or_opened,
)
from .confidentiality import CLAIMABLE_FIELDS, ConfidentialityClaim
from .events import CaseEvent
from .filing import (
    Claim,
    ClaimBasis,
    ClaimReview,
    ComputeMethod,
    Notification,
    NotificationCorrection,
    TriggerType,
)
from .outcomes import (
    ARTICLE_52_4_BASES,
    Decision,
    DecisionStatus,
    Designation,
    DesignationBasis,
)
from .reasoning import ReasoningDraft
from .requests import (
    ClockStop,
    ExtensionOrigin,
    ExtensionStatus,
    InformationRequest,
    RequestExtension,
    RequestKind,
    RequestStatus,
)

__all__ = [
    "ARTICLE_52_4_BASES",
    "CLAIMABLE_FIELDS",
    "OPEN_STATES",
    "OUTCOMES_BY_KIND",
    "CalendarYear",
    "Case",
    "CaseEvent",
    "Claim",
    "ClaimBasis",
    "ClaimReview",
    "ClockStop",
    "ComputeMethod",
    "ConfidentialityClaim",
    "Decision",
    "DecisionStatus",
    "Designation",
    "DesignationBasis",
    "ExOfficioBasis",
    "ExtensionOrigin",
    "ExtensionStatus",
    "InformationRequest",
    "Initiative",
    "Kind",
    "Notification",
    "NotificationCorrection",
    "Outcome",
    "PublicHoliday",
    "ReasoningDraft",
    "ReferenceSequence",
    "RequestExtension",
    "RequestKind",
    "RequestStatus",
    "State",
    "TriggerType",
    "filed_or_opened",
]
