from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("models/new/", views.model_edit, name="model_new"),
    path("models/<int:pk>/edit/", views.model_edit, name="model_edit"),
    path("models/<int:model_id>/notify/", views.notify_start, name="notify"),
    path("cases/<str:reference>/", views.case_view, name="case"),
    path("cases/<str:reference>/notification/<str:step>/", views.wizard, name="wizard"),
    path("cases/<str:reference>/submitted/", views.submitted, name="submitted"),
    path("cases/<str:reference>/requests/<int:request_id>/answer/", views.respond, name="respond"),
    path(
        "cases/<str:reference>/requests/<int:request_id>/more-time/",
        views.extension_request,
        name="extension_request",
    ),
    path("cases/<str:reference>/supplementary/", views.add_supplementary, name="supplementary"),
    path("cases/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<str:reference>/correction/", views.correct, name="correct"),
    path(
        "cases/<str:reference>/documents/<int:document_id>/remove/",
        views.document_remove,
        name="document_remove",
    ),
    path(
        "cases/<str:reference>/documents/<int:document_id>/replace/",
        views.document_replace,
        name="document_replace",
    ),
    path(
        "cases/<str:reference>/claims/<int:claim_id>/remove/",
        views.claim_remove,
        name="claim_remove",
    ),
    path(
        "cases/<str:reference>/claims/<int:claim_id>/replace/",
        views.claim_replace,
        name="claim_replace",
    ),
    path(
        "designations/<int:designation_id>/reassessment/", views.reassessment, name="reassessment"
    ),
]
