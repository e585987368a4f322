from django.urls import path

from gpai_cases.accounts.middleware import second_factor_exempt

from . import views

# The public list is public: its pages never ask for a second factor. Publishing does.
public = second_factor_exempt

app_name = "register"

urlpatterns = [
    path("register/", public(views.register_list), name="list"),
    path("register/archive/", public(views.archive), name="archive"),
    path("register/archive/<id:number>/", public(views.publication_detail), name="publication"),
    path("register/publish/", views.publish, name="publish"),
    path("register/publish/<id:number>/done/", views.published, name="published"),
    path("register/entries/<entry:entry_id>/", public(views.entry_detail), name="entry"),
    path("register.json", public(views.register_json), name="json"),
    path("register.csv", public(views.register_csv), name="csv"),
    path("register.atom", public(views.register_atom), name="atom"),
    path("register.schema.json", public(views.schema), name="schema"),
]
