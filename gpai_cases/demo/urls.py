"""The benchmark's URLs: mounted only when ``GPAI_BENCH_URLS`` is on (``make bench``)."""

from django.urls import path

from gpai_cases.accounts.middleware import second_factor_exempt

from . import views

# the bare floor measures the middleware, as it always did: not a staff page
urlpatterns = [path("_floor", second_factor_exempt(views.floor), name="floor")]
