from django.urls import path

from . import views
from .views import enrolment
from .views import reasoning as reasoning_views

app_name = "workspace"

urlpatterns = [
    path("", views.queue_view, name="queue"),
    path("queue.csv", views.queue_csv, name="queue_csv"),
    path("ex-officio/", views.open_ex_officio, name="ex_officio"),
    path("notifications-due/", views.notifications_due, name="notifications_due"),
    path("designations/<id:pk>/reassess/", views.open_reassessment, name="open_reassessment"),
    path("cases/<ref:reference>/", views.case_view, name="case"),
    path("cases/<ref:reference>/assessment/", views.assessment, name="assessment"),
    path("cases/<ref:reference>/take-up/", views.take_up, name="take_up"),
    path("cases/<ref:reference>/assign/", views.assign, name="assign"),
    path("cases/<ref:reference>/correct/", views.correct, name="correct"),
    path("cases/<ref:reference>/requests/", views.request_information, name="request_information"),
    path(
        "cases/<ref:reference>/requests/<id:request_id>/withdraw/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "cases/<ref:reference>/requests/<id:request_id>/extend/",
        views.request_extend,
        name="request_extend",
    ),
    path(
        "cases/<ref:reference>/extensions/<id:extension_id>/",
        views.extension_decide,
        name="extension_decide",
    ),
    path(
        "cases/<ref:reference>/documents/<id:document_id>/share/",
        views.document_share,
        name="document_share",
    ),
    path(
        "cases/<ref:reference>/claims/<id:claim_id>/review/",
        views.review_claim,
        name="review_claim",
    ),
    path("cases/<ref:reference>/reasoning/", reasoning_views.reasoning, name="reasoning"),
    path(
        "cases/<ref:reference>/letter-preview/",
        reasoning_views.letter_preview,
        name="letter_preview",
    ),
    path("cases/<ref:reference>/propose/", views.propose, name="propose"),
    path("cases/<ref:reference>/approve/", views.approve, name="approve"),
    path("cases/<ref:reference>/return/", views.return_proposal, name="return"),
    path(
        "cases/<ref:reference>/letters/<id:letter_id>/regenerate/",
        views.regenerate_letter,
        name="regenerate_letter",
    ),
    # after designation: the obligations (docs/rules.md § framework, § serious-incidents, …)
    path("providers/", views.providers_list, name="providers"),
    path("enrolment/", enrolment.enrolment, name="enrolment"),
    path("providers/<id:pk>/", views.provider_view, name="provider"),
    path(
        "providers/<id:pk>/code-of-practice/",
        views.code_of_practice_record,
        name="code_of_practice",
    ),
    path("frameworks/<id:pk>/review/", views.framework_review, name="framework_review"),
    path("models/<id:pk>/", views.model_view, name="model"),
    path("incidents/", views.incident_queue, name="incidents"),
    path("incidents/<id:pk>/", views.incident_view, name="incident"),
]
