"""The resources pages, one namespace for its sub-packages."""

from django.urls import include, path

app_name = "resources"

urlpatterns = [
    path("", include("guyub.resources.assets.urls")),
    path("", include("guyub.resources.bookings.urls")),
    path("", include("guyub.resources.charges.urls")),
    path("", include("guyub.resources.usage.urls")),
]
