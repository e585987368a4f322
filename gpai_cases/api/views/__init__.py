"""REST API v1: the same service functions and access rules as the web pages, another door."""

from .cases import (
    CaseApprove,
    CaseDetail,
    CaseEvents,
    CaseLetters,
    CasePropose,
    CaseReturn,
    Cases,
    CaseSubmit,
    CaseTakeUp,
    CaseWithdraw,
)
from .filing import CaseArguments, CaseDocuments, ClaimReviewView, DocumentDownload
from .messages import MessageRead, Messages
from .obligations import (
    DesignationIncidents,
    DesignationModelReports,
    DesignationTimeline,
    FrameworkReviews,
    IncidentDetail,
    IncidentKinds,
    IncidentReports,
    Incidents,
    ObligationFileDownload,
    ProviderCodeOfPractice,
    ProviderFramework,
)
from .providers import ModelDetail, Models, ProviderCreate
from .register import DesignationDetail, DesignationReassess, Designations, Publications
from .requests import CaseInformationRequests, InformationRequestRespond

__all__ = [
    "CaseApprove",
    "CaseArguments",
    "CaseDetail",
    "CaseDocuments",
    "CaseEvents",
    "CaseInformationRequests",
    "CaseLetters",
    "CasePropose",
    "CaseReturn",
    "CaseSubmit",
    "CaseTakeUp",
    "CaseWithdraw",
    "Cases",
    "ClaimReviewView",
    "DesignationDetail",
    "DesignationIncidents",
    "DesignationModelReports",
    "DesignationReassess",
    "DesignationTimeline",
    "Designations",
    "DocumentDownload",
    "FrameworkReviews",
    "IncidentDetail",
    "IncidentKinds",
    "IncidentReports",
    "Incidents",
    "InformationRequestRespond",
    "MessageRead",
    "Messages",
    "ModelDetail",
    "Models",
    "ObligationFileDownload",
    "ProviderCodeOfPractice",
    "ProviderCreate",
    "ProviderFramework",
    "Publications",
]
