from django.urls import path

from . import views
from .views import account

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("models/new/", views.model_edit, name="model_new"),
    path("models/<id:pk>/edit/", views.model_edit, name="model_edit"),
    path("models/<id:model_id>/notify/", views.notify_start, name="notify"),
    path("cases/<ref:reference>/", views.case_view, name="case"),
    path("cases/<ref:reference>/notification/<step:step>/", views.wizard, name="wizard"),
    path("cases/<ref:reference>/submitted/", views.submitted, name="submitted"),
    path("cases/<ref:reference>/requests/<id:request_id>/answer/", views.respond, name="respond"),
    path(
        "cases/<ref:reference>/requests/<id:request_id>/more-time/",
        views.extension_request,
        name="extension_request",
    ),
    path("cases/<ref:reference>/supplementary/", views.add_supplementary, name="supplementary"),
    path("cases/<ref:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<ref:reference>/correction/", views.correct, name="correct"),
    path(
        "cases/<ref:reference>/documents/<id:document_id>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path(
        "cases/<ref:reference>/documents/<id:document_id>/replace/",
        views.document_replace,
        name="document_replace",
    ),
    path(
        "cases/<ref:reference>/claims/<id:claim_id>/remove/",
        views.claim_remove,
        name="claim_remove",
    ),
    path(
        "cases/<ref:reference>/claims/<id:claim_id>/replace/",
        views.claim_replace,
        name="claim_replace",
    ),
    path("designations/<id:designation_id>/reassessment/", views.reassessment, name="reassessment"),
    path("cases/<ref:reference>/confidentiality/", views.confidentiality, name="confidentiality"),
    # after designation: the obligations (docs/rules.md § framework, § model-reports, …)
    path("obligations/", views.obligations, name="obligations"),
    path("obligations/framework/", views.framework_file, name="framework_file"),
    path(
        "designations/<id:designation_id>/model-report/",
        views.model_report_file,
        name="model_report_file",
    ),
    path(
        "designations/<id:designation_id>/incidents/new/",
        views.incident_report,
        name="incident_report",
    ),
    path("incidents/<id:pk>/", views.incident_view, name="incident"),
    path("incidents/<id:pk>/update/", views.incident_update, name="incident_update"),
    # the provider's account: for whom, members, invitations, details (views/account.py)
    path("account/acting-for/", account.acting_for, name="acting_for"),
    path("account/members/", account.members, name="members"),
    path("account/members/invite/", account.member_invite, name="member_invite"),
    path("account/members/<id:pk>/remove/", account.member_remove, name="member_remove"),
    path(
        "account/invitations/<id:pk>/revoke/", account.invitation_revoke, name="invitation_revoke"
    ),
    path("account/details/", account.details, name="details"),
]
