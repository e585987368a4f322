from django.urls import path

from . import views

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
    path("cases/<ref:reference>/supplementary/", views.add_supplementary, name="supplementary"),
    path("cases/<ref:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("cases/<ref:reference>/confidentiality/", views.confidentiality, name="confidentiality"),
    path("designations/<id:designation_id>/reassessment/", views.reassessment, name="reassessment"),
]
