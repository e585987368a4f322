from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("queue.csv", views.queue_csv, name="queue_csv"),
    path("ex-officio/", views.open_ex_officio, name="ex_officio"),
    path("designations/<int:pk>/reassess/", views.open_reassessment, name="open_reassessment"),
    path("cases/<str:reference>/", views.case_view, name="case"),
    path("cases/<str:reference>/assessment/", views.assessment, name="assessment"),
    path("cases/<str:reference>/take-up/", views.take_up, name="take_up"),
    path("cases/<str:reference>/assign/", views.assign, name="assign"),
    path("cases/<str:reference>/requests/", views.request_information, name="request_information"),
    path(
        "cases/<str:reference>/claims/<int:claim_id>/review/",
        views.review_claim,
        name="review_claim",
    ),
    path("cases/<str:reference>/propose/", views.propose, name="propose"),
    path("cases/<str:reference>/approve/", views.approve, name="approve"),
    path("cases/<str:reference>/return/", views.return_proposal, name="return"),
    path(
        "cases/<str:reference>/letters/<int:letter_id>/regenerate/",
        views.regenerate_letter,
        name="regenerate_letter",
    ),
    # after designation: the obligations (docs/rules.md § framework, § serious-incidents, …)
    path("providers/", views.providers_list, name="providers"),
    path("providers/<int:pk>/", views.provider_view, name="provider"),
    path(
        "providers/<int:pk>/code-of-practice/",
        views.code_of_practice_record,
        name="code_of_practice",
    ),
    path("frameworks/<int:pk>/review/", views.framework_review, name="framework_review"),
    path("models/<int:pk>/", views.model_view, name="model"),
    path("incidents/", views.incident_queue, name="incidents"),
    path("incidents/<int:pk>/", views.incident_view, name="incident"),
]
