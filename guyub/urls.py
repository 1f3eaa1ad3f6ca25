from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from guyub.api import api
from guyub.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(template_name="core/login.html",
                                                redirect_authenticated_user=True),
         name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("k/<slug:coop_slug>/", include("guyub.core.urls")),
    path("k/<slug:coop_slug>/", include("guyub.members.urls")),
    path("k/<slug:coop_slug>/", include("guyub.ledger.urls")),
    path("k/<slug:coop_slug>/", include("guyub.sales.urls")),
]
