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
from .providers import ModelDetail, Models, ProviderCreate
from .register import DesignationDetail, DesignationReassess, Designations, Publications
from .requests import (
    CaseInformationRequests,
    ExtensionRequestGrant,
    ExtensionRequestRefuse,
    InformationRequestExtend,
    InformationRequestExtensionRequests,
    InformationRequestRespond,
    InformationRequestWithdraw,
)

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
    "DesignationReassess",
    "Designations",
    "DocumentDownload",
    "ExtensionRequestGrant",
    "ExtensionRequestRefuse",
    "InformationRequestExtend",
    "InformationRequestExtensionRequests",
    "InformationRequestRespond",
    "InformationRequestWithdraw",
    "MessageRead",
    "Messages",
    "ModelDetail",
    "Models",
    "ProviderCreate",
    "Publications",
]
