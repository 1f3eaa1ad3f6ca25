"""ballots pages."""

urlpatterns = []
