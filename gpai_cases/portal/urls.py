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
    path("cases/<str:reference>/supplementary/", views.add_supplementary, name="supplementary"),
    path("cases/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "designations/<int:designation_id>/reassessment/", views.reassessment, name="reassessment"
    ),
    # after designation: the obligations (docs/rules.md § framework, § model-reports, …)
    path("obligations/", views.obligations, name="obligations"),
    path("obligations/framework/", views.framework_file, name="framework_file"),
    path(
        "designations/<int:designation_id>/model-report/",
        views.model_report_file,
        name="model_report_file",
    ),
    path(
        "designations/<int:designation_id>/incidents/new/",
        views.incident_report,
        name="incident_report",
    ),
    path("incidents/<int:pk>/", views.incident_view, name="incident"),
    path("incidents/<int:pk>/update/", views.incident_update, name="incident_update"),
]
