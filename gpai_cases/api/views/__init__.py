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
from .filing import (
    CaseArguments,
    CaseCorrections,
    CaseDocuments,
    ClaimRemove,
    ClaimReplace,
    ClaimReviewView,
    DocumentDownload,
    DocumentRemove,
)
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
    "CaseCorrections",
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
    "ClaimRemove",
    "ClaimReplace",
    "ClaimReviewView",
    "DesignationDetail",
    "DesignationReassess",
    "Designations",
    "DocumentDownload",
    "DocumentRemove",
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
