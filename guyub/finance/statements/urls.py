"""The statements pages."""

urlpatterns: list = []
