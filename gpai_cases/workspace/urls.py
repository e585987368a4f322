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
        "cases/<str:reference>/requests/<int:request_id>/withdraw/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "cases/<str:reference>/requests/<int:request_id>/extend/",
        views.request_extend,
        name="request_extend",
    ),
    path(
        "cases/<str:reference>/extensions/<int:extension_id>/",
        views.extension_decide,
        name="extension_decide",
    ),
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
]
