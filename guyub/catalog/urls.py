from django.urls import path

from . import bundle_views, certificate_views, setup_views, views

app_name = "catalog"

urlpatterns = [
    path("produk/", views.product_list, name="products"),
    path("produk/baru/", views.product_create, name="product_create"),
    path("saya/produk/", views.my_products, name="my_products"),
    path("saya/produk/baru/", views.my_product_create, name="my_product_create"),
    path("produk/<int:pk>/", views.product_detail, name="product"),
    path("produk/<int:pk>/ubah/", views.product_edit, name="product_edit"),
    path("produk/<int:pk>/foto/", views.product_photo, name="product_photo"),
    path("produk/<int:pk>/ajukan/", views.product_submit, name="product_submit"),
    path("produk/<int:pk>/kurasi/", views.product_review, name="product_review"),
    path("kurasi/", views.curation, name="curation"),
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
