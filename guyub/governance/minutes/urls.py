"""minutes pages."""

urlpatterns = []
