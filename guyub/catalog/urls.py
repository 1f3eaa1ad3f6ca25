from django.urls import path

from .bundles import views as bundle_views
from .certificates import views as certificate_views
from .products import views as product_views
from .setup import views as setup_views

app_name = "catalog"

urlpatterns = [
    path("produk/", product_views.product_list, name="products"),
    path("produk/baru/", product_views.product_create, name="product_create"),
    path("saya/produk/", product_views.my_products, name="my_products"),
    path("saya/produk/baru/", product_views.my_product_create, name="my_product_create"),
    path("produk/<int:pk>/", product_views.product_detail, name="product"),
    path("produk/<int:pk>/ubah/", product_views.product_edit, name="product_edit"),
    path("produk/<int:pk>/foto/", product_views.product_photo, name="product_photo"),
    path("produk/<int:pk>/ajukan/", product_views.product_submit, name="product_submit"),
    path("produk/<int:pk>/kurasi/", product_views.product_review, name="product_review"),
    path("kurasi/", product_views.curation, name="curation"),
    path("sertifikat/", certificate_views.certificate_list, name="certificates"),
    path("sertifikat/baru/", certificate_views.certificate_create, name="certificate_create"),
    path("saya/sertifikat/", certificate_views.my_certificates, name="my_certificates"),
    path("sertifikat/<int:pk>/ubah/", certificate_views.certificate_edit,
         name="certificate_edit"),
    path("saluran/", setup_views.channel_list, name="channels"),
    path("saluran/baru/", setup_views.channel_create, name="channel_create"),
    path("saluran/<int:pk>/ubah/", setup_views.channel_edit, name="channel_edit"),
    path("kategori/", setup_views.category_list, name="categories"),
    path("kategori/baru/", setup_views.category_create, name="category_create"),
    path("kategori/<int:pk>/ubah/", setup_views.category_edit, name="category_edit"),
    path("paket/", bundle_views.bundle_list, name="bundles"),
    path("paket/baru/", bundle_views.bundle_create, name="bundle_create"),
    path("paket/<int:pk>/ubah/", bundle_views.bundle_edit, name="bundle_edit"),
]
