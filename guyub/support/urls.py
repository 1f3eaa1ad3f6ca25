"""The support pages, one namespace for its sub-packages."""

from django.urls import include, path

app_name = "support"

urlpatterns = [
    path("", include("guyub.support.loans.urls")),
    path("", include("guyub.support.solidarity.urls")),
    path("", include("guyub.support.helpboard.urls")),
]
