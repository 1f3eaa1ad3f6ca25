"""The sales back office at /k/<coop_slug>/, one namespace over its sub-domains (the
public storefront has its own: storefront/urls.py, at /toko/<coop_slug>/)."""

from django.urls import include, path

app_name = "sales"

urlpatterns = [
    path("", include("guyub.sales.orders.urls")),
    path("", include("guyub.sales.fulfilment.urls")),
    path("", include("guyub.sales.payouts.urls")),
]
