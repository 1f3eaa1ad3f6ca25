"""The shu pages."""

urlpatterns: list = []
