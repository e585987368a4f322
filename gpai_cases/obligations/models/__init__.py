"""The obligations after designation, by concern: :mod:`.code_of_practice`, :mod:`.framework`,
:mod:`.reports` (model reports, the periods as data), :mod:`.incidents`, :mod:`.files`,
:mod:`.events` (the audit trail of what belongs to no case)."""

from .code_of_practice import Chapter, CodeOfPracticeStatus
from .events import ObligationEvent
from .files import ObligationFile
from .framework import ChangeRequestStatus, FrameworkReview, FrameworkVersion, ReviewKind
from .incidents import IncidentKind, IncidentReport, IncidentStage, SeriousIncident
from .reports import ModelReport, ObligationPeriod, PeriodUnit, ReportKind

__all__ = [
    "ChangeRequestStatus",
    "Chapter",
    "CodeOfPracticeStatus",
    "FrameworkReview",
    "FrameworkVersion",
    "IncidentKind",
    "IncidentReport",
    "IncidentStage",
    "ModelReport",
    "ObligationEvent",
    "ObligationFile",
    "ObligationPeriod",
    "PeriodUnit",
    "ReportKind",
    "ReviewKind",
    "SeriousIncident",
]
