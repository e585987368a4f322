from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gpai_cases.core import views as core_views

admin.site.site_header = "GPAI Cases — administration"
admin.site.site_title = "GPAI Cases"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("_floor", core_views.floor, name="floor"),
    path("inbox/", core_views.inbox, name="inbox"),
    path("documents/<int:pk>/download/", core_views.document_download, name="document_download"),
    path("workspace/", include("gpai_cases.workspace.urls")),
    path("portal/", include("gpai_cases.portal.urls")),
    path("api/", include("gpai_cases.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("gpai_cases.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("gpai_cases.register.urls")),
]
