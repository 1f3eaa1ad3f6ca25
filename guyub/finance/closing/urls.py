"""The closing pages."""

urlpatterns: list = []
