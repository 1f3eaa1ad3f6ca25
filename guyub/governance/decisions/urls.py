"""decisions pages."""

urlpatterns = []
