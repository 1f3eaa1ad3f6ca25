from django.conf import settings
from django.conf.urls.static import static as media_static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from guyub.api import api
from guyub.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("masuk/", auth_views.LoginView.as_view(template_name="core/login.html",
                                                redirect_authenticated_user=True),
         name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/", include("guyub.core.account_urls")),
    path("notifikasi/", include("guyub.notifications.urls")),
    path("favicon.ico", core_views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("k/<slug:coop_slug>/", include("guyub.core.urls")),
    path("k/<slug:coop_slug>/", include("guyub.members.urls")),
    path("k/<slug:coop_slug>/", include("guyub.ledger.urls")),
    path("k/<slug:coop_slug>/", include("guyub.sales.urls")),
    path("toko/<slug:coop_slug>/", include("guyub.sales.storefront.urls")),
    path("k/<slug:coop_slug>/", include("guyub.catalog.urls")),
    path("k/<slug:coop_slug>/", include("guyub.reports.urls")),
    path("k/<slug:coop_slug>/", include("guyub.purchasing.tenders.urls")),
    path("k/<slug:coop_slug>/", include("guyub.purchasing.urls")),
    path("k/<slug:coop_slug>/", include("guyub.contracts.urls")),
    path("k/<slug:coop_slug>/", include("guyub.resources.urls")),
    path("k/<slug:coop_slug>/", include("guyub.support.urls")),
    path("k/<slug:coop_slug>/", include("guyub.governance.urls")),
    path("k/<slug:coop_slug>/", include("guyub.finance.urls")),
]

# Uploaded product photos: in development the app serves them; in production the
# reverse proxy serves /media/ straight from MEDIA_ROOT (static() adds nothing there).
urlpatterns += media_static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
