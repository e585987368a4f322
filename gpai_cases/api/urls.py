from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from gpai_cases.accounts.middleware import second_factor_exempt

from . import views
from .views import members

app_name = "api"

urlpatterns = [
    # the API's description is public
    path("schema/", second_factor_exempt(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        second_factor_exempt(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("v1/providers/", views.ProviderCreate.as_view(), name="providers"),
    path("v1/models/", views.Models.as_view(), name="models"),
    path("v1/models/<id:pk>/", views.ModelDetail.as_view(), name="model"),
    path("v1/cases/", views.Cases.as_view(), name="cases"),
    path("v1/cases/<ref:reference>/", views.CaseDetail.as_view(), name="case"),
    path(
        "v1/cases/<ref:reference>/documents/", views.CaseDocuments.as_view(), name="case-documents"
    ),
    path(
        "v1/cases/<ref:reference>/arguments/", views.CaseArguments.as_view(), name="case-arguments"
    ),
    path(
        "v1/cases/<ref:reference>/corrections/",
        views.CaseCorrections.as_view(),
        name="case-corrections",
    ),
    path("v1/cases/<ref:reference>/submit/", views.CaseSubmit.as_view(), name="case-submit"),
    path("v1/cases/<ref:reference>/withdraw/", views.CaseWithdraw.as_view(), name="case-withdraw"),
    path("v1/cases/<ref:reference>/take-up/", views.CaseTakeUp.as_view(), name="case-take-up"),
    path(
        "v1/cases/<ref:reference>/information-requests/",
        views.CaseInformationRequests.as_view(),
        name="case-information-requests",
    ),
    path(
        "v1/cases/<ref:reference>/propose-decision/",
        views.CasePropose.as_view(),
        name="case-propose",
    ),
    path("v1/cases/<ref:reference>/return/", views.CaseReturn.as_view(), name="case-return"),
    path("v1/cases/<ref:reference>/approve/", views.CaseApprove.as_view(), name="case-approve"),
    path("v1/cases/<ref:reference>/events/", views.CaseEvents.as_view(), name="case-events"),
    path("v1/cases/<ref:reference>/letters/", views.CaseLetters.as_view(), name="case-letters"),
    path(
        "v1/information-requests/<id:pk>/respond/",
        views.InformationRequestRespond.as_view(),
        name="information-request-respond",
    ),
    path(
        "v1/information-requests/<id:pk>/withdraw/",
        views.InformationRequestWithdraw.as_view(),
        name="information-request-withdraw",
    ),
    path(
        "v1/information-requests/<id:pk>/extend/",
        views.InformationRequestExtend.as_view(),
        name="information-request-extend",
    ),
    path(
        "v1/information-requests/<id:pk>/extension-requests/",
        views.InformationRequestExtensionRequests.as_view(),
        name="information-request-extension-requests",
    ),
    path(
        "v1/extension-requests/<id:pk>/grant/",
        views.ExtensionRequestGrant.as_view(),
        name="extension-request-grant",
    ),
    path(
        "v1/extension-requests/<id:pk>/refuse/",
        views.ExtensionRequestRefuse.as_view(),
        name="extension-request-refuse",
    ),
    path("v1/claims/<id:pk>/review/", views.ClaimReviewView.as_view(), name="claim-review"),
    path("v1/claims/<id:pk>/remove/", views.ClaimRemove.as_view(), name="claim-remove"),
    path("v1/claims/<id:pk>/replace/", views.ClaimReplace.as_view(), name="claim-replace"),
    path("v1/documents/<id:pk>/remove/", views.DocumentRemove.as_view(), name="document-remove"),
    path(
        "v1/documents/<id:pk>/download/",
        views.DocumentDownload.as_view(),
        name="document-download",
    ),
    path("v1/designations/", views.Designations.as_view(), name="designations"),
    path("v1/designations/<id:pk>/", views.DesignationDetail.as_view(), name="designation"),
    path(
        "v1/designations/<id:pk>/reassess/",
        views.DesignationReassess.as_view(),
        name="designation-reassess",
    ),
    # after designation: the obligations (docs/rules.md § framework, § serious-incidents, …)
    path(
        "v1/providers/<id:pk>/code-of-practice/",
        views.ProviderCodeOfPractice.as_view(),
        name="provider-code-of-practice",
    ),
    path(
        "v1/providers/<id:pk>/framework/",
        views.ProviderFramework.as_view(),
        name="provider-framework",
    ),
    path(
        "v1/framework-versions/<id:pk>/reviews/",
        views.FrameworkReviews.as_view(),
        name="framework-reviews",
    ),
    path(
        "v1/designations/<id:pk>/model-reports/",
        views.DesignationModelReports.as_view(),
        name="designation-model-reports",
    ),
    path(
        "v1/designations/<id:pk>/incidents/",
        views.DesignationIncidents.as_view(),
        name="designation-incidents",
    ),
    path(
        "v1/designations/<id:pk>/timeline/",
        views.DesignationTimeline.as_view(),
        name="designation-timeline",
    ),
    path("v1/incidents/", views.Incidents.as_view(), name="incidents"),
    path("v1/incidents/<id:pk>/", views.IncidentDetail.as_view(), name="incident"),
    path("v1/incidents/<id:pk>/reports/", views.IncidentReports.as_view(), name="incident-reports"),
    path("v1/incident-kinds/", views.IncidentKinds.as_view(), name="incident-kinds"),
    path(
        "v1/obligation-files/<id:pk>/download/",
        views.ObligationFileDownload.as_view(),
        name="obligation-file-download",
    ),
    # a provider's members and invitations (gpai_cases/api/views/members.py)
    path(
        "v1/providers/<id:pk>/members/", members.ProviderMembers.as_view(), name="provider-members"
    ),
    path(
        "v1/providers/<id:pk>/invitations/",
        members.ProviderInvitations.as_view(),
        name="provider-invitations",
    ),
    path(
        "v1/memberships/<id:pk>/remove/",
        members.MembershipRemove.as_view(),
        name="membership-remove",
    ),
    path("v1/publications/", views.Publications.as_view(), name="publications"),
    path("v1/messages/", views.Messages.as_view(), name="messages"),
    path("v1/messages/<id:pk>/read/", views.MessageRead.as_view(), name="message-read"),
]
