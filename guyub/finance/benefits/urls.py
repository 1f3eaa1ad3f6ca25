"""The benefits pages."""

urlpatterns: list = []
