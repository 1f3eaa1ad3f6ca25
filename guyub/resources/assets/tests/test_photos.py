"""An asset's photos: only real JPG, PNG or WebP images up to 8 MB are kept, and they
show on the officers' and the member's pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from PIL import Image

from guyub.core.errors import DomainError
from guyub.resources.assets import forms, services
from guyub.resources.assets.models import AssetPhoto
from guyub.testing.resources import png_bytes


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def photos():
    with scopes_disabled():
        return list(AssetPhoto.objects.all())


def gif_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "GIF")
    return buffer.getvalue()


def test_a_photo_is_kept_and_shown_to_officers_and_members(staff_client, client, coop,
                                                          machine, tani):
    url = f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/foto/"
    response = staff_client.post(url, {"image": upload("depan.png", png_bytes()),
                                       "caption": "Tampak depan"})
    assert response.status_code == 302
    [photo] = photos()
    assert photo.image.name.endswith(".png")
    assert photo.image.url in staff_client.get(response["Location"]).content.decode()
    client.force_login(tani.user)
    public = client.get(f"/k/{coop.slug}/saya/sumber-daya/aset/{machine.pk}/")
    assert photo.image.url in public.content.decode()


@pytest.mark.parametrize("name, data", [
    ("bukan.jpg", b"ini teks, bukan gambar"),
    ("kosong.png", b""),
    ("animasi.gif", gif_bytes()),
])
def test_a_file_that_is_not_an_accepted_image_is_refused(staff_client, coop, machine, name,
                                                        data):
    response = staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/foto/",
                                 {"image": upload(name, data)}, follow=True)
    assert response.status_code == 200
    assert photos() == []
    text = response.content.decode()
    assert "gambar" in text or "JPG, PNG atau WebP" in text or "kosong" in text


def test_a_photo_too_large_is_refused(staff_client, coop, machine, monkeypatch):
    monkeypatch.setattr(forms, "MAX_PHOTO_BYTES", 10)
    response = staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/foto/",
                                 {"image": upload("besar.png", png_bytes())}, follow=True)
    assert "terlalu besar" in response.content.decode()
    assert photos() == []


def test_the_service_refuses_too_large_and_wrong_type_on_its_own(coop, machine, board,
                                                               monkeypatch):
    with scope(cooperative=coop):
        with pytest.raises(DomainError, match="JPG, PNG atau WebP"):
            services.add_photo(asset=machine, actor=board,
                               upload=upload("a.gif", gif_bytes(), "image/gif"))
        monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 10)
        with pytest.raises(DomainError, match="terlalu besar"):
            services.add_photo(asset=machine, actor=board, upload=upload("a.png", png_bytes()))
    assert photos() == []


def test_a_photo_is_removed_once(staff_client, coop, machine, board):
    with scope(cooperative=coop):
        photo = services.add_photo(asset=machine, actor=board,
                                   upload=upload("a.png", png_bytes()))
    url = f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/foto/{photo.pk}/hapus/"
    assert staff_client.post(url).status_code == 302
    assert staff_client.post(url).status_code == 302  # a second click: nothing left
    assert photos() == []
