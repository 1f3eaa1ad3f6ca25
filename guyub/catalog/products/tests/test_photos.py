"""Product photos: stored with a small thumbnail, shown on the product page."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from guyub.catalog.models import ProductPhoto
from guyub.testing.catalog import png_upload

pytestmark = pytest.mark.django_db


def test_an_uploaded_photo_gets_a_thumbnail_no_larger_than_480px(
        coop, member_client, food, make_product):
    product = make_product(member_client.member, food)
    response = member_client.post(reverse("catalog:product_photo", args=[coop.slug, product.pk]),
                                  {"photo": png_upload(size=(2000, 1000))})
    assert response.status_code == 302
    with scopes_disabled():
        photo = ProductPhoto.objects.get(product=product)
    with Image.open(photo.thumbnail.path) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == 480
        assert thumb.size == (480, 240)
    page = member_client.get(reverse("catalog:product", args=[coop.slug, product.pk]))
    assert photo.thumbnail.url in page.content.decode()


def test_photos_keep_the_order_they_were_added_in(coop, staff_client, member_client, food,
                                                  make_product):
    product = make_product(member_client.member, food)
    target = reverse("catalog:product_photo", args=[coop.slug, product.pk])
    staff_client.post(target, {"photo": png_upload("depan.png")})
    staff_client.post(target, {"photo": png_upload("belakang.png")})
    with scopes_disabled():
        names = [p.image.name.rsplit("/", 1)[-1] for p in product.photos.all()]
    assert names[0].startswith("depan") and names[1].startswith("belakang")
