"""The finance pages, one namespace for its sub-packages."""

from django.urls import include, path

app_name = "finance"

urlpatterns = [
    path("", include("guyub.finance.statements.urls")),
    path("", include("guyub.finance.closing.urls")),
    path("", include("guyub.finance.shu.urls")),
    path("", include("guyub.finance.benefits.urls")),
]
