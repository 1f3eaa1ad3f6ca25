"""The contracts pages, one namespace for the negotiation, the allocation among
members, the deliveries with their quality checks and payments, and the disputes."""

from django.urls import include, path

app_name = "contracts"

urlpatterns = [
    path("", include("guyub.contracts.negotiation.urls")),
    path("", include("guyub.contracts.allocation.urls")),
    path("", include("guyub.contracts.deliveries.urls")),
    path("", include("guyub.contracts.disputes.urls")),
]
