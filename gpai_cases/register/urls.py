from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("register/", views.register_list, name="list"),
    path("register/archive/", views.archive, name="archive"),
    path("register/archive/<int:number>/", views.publication_detail, name="publication"),
    path("register/publish/", views.publish, name="publish"),
    path("register/publish/<int:number>/done/", views.published, name="published"),
    path("register/entries/<str:entry_id>/", views.entry_detail, name="entry"),
    path("register.json", views.register_json, name="json"),
    path("register.csv", views.register_csv, name="csv"),
    path("register.atom", views.register_atom, name="atom"),
    path("register.schema.json", views.schema, name="schema"),
]
