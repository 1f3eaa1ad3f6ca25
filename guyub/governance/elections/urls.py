"""elections pages."""

urlpatterns = []
