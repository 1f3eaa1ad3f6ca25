"""The purchasing pages, one namespace for rounds, what follows their close, and the
suppliers (the tenders have their own: tenders/urls.py)."""

from django.urls import include, path

app_name = "purchasing"

urlpatterns = [
    path("", include("guyub.purchasing.rounds.urls")),
    path("", include("guyub.purchasing.distribution.urls")),
    path("", include("guyub.purchasing.suppliers.urls")),
]
