"""Set-up: staff define grades and approve members' products for them; only the board
sets floor prices, whose history stays; an approval is ended, not deleted."""

from decimal import Decimal

import pytest
from django_scopes import scope

from guyub.contracts.models import FloorPrice, Grade, GradeApproval
from guyub.contracts.negotiation import selectors
from guyub.testing.contracts import producers

pytestmark = pytest.mark.django_db


def test_staff_create_a_grade(coop, grade, staff_client):
    response = staff_client.post(f"/k/{coop.slug}/kontrak/mutu/baru/", {
        "category": grade.category_id, "name": "Robusta grade 2", "description": "",
        "active": "on"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert Grade.objects.filter(name="Robusta grade 2").exists()
    again = staff_client.post(f"/k/{coop.slug}/kontrak/mutu/baru/", {
        "category": grade.category_id, "name": "robusta GRADE 2", "active": "on"})
    assert "sudah ada" in again.content.decode()


def test_only_the_board_sets_a_floor_and_the_history_stays(coop, grade, board_client,
                                                           staff_client):
    url = f"/k/{coop.slug}/kontrak/mutu/{grade.pk}/harga-dasar/"
    assert staff_client.post(url, {"price": "90.000"}).status_code == 403
    response = board_client.post(url, {"price": "Rp90.000", "reference": "Rapat 5 Des"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        assert selectors.floor_price(grade) == Decimal("90000")
        assert FloorPrice.objects.filter(grade=grade).count() == 2
    page = board_client.get(f"/k/{coop.slug}/kontrak/mutu/{grade.pk}/").content.decode()
    assert "Rapat 5 Des" in page and "Rapat pengurus 2 Desember 2026" in page


def test_a_bad_floor_price_is_a_form_error(coop, grade, board_client):
    url = f"/k/{coop.slug}/kontrak/mutu/{grade.pk}/harga-dasar/"
    for price in ("0", "-1", "9" * 20, "12,5"):
        response = board_client.post(url, {"price": price}, follow=True)
        assert "Harga dasar per satuan" in response.content.decode(), price
    with scope(cooperative=coop):
        assert FloorPrice.objects.filter(grade=grade).count() == 1


def test_staff_approve_a_product_and_end_the_approval(coop, board, grade, staff_client):
    (member,) = producers(coop, board, grade, count=1)
    with scope(cooperative=coop):
        GradeApproval.objects.filter(product=member.coffee).delete()
    response = staff_client.post(f"/k/{coop.slug}/kontrak/mutu/{grade.pk}/setujui/",
                                 {"product": member.coffee.pk, "note": "Sampel lolos"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        approval = GradeApproval.objects.get(product=member.coffee)
        assert selectors.is_approval_valid(approval)
    response = staff_client.post(f"/k/{coop.slug}/kontrak/mutu/persetujuan/{approval.pk}/akhiri/")
    assert response.status_code == 302
    with scope(cooperative=coop):
        approval = GradeApproval.objects.get(pk=approval.pk)
        assert not selectors.is_approval_valid(approval)


def test_a_product_of_another_kind_is_not_offered_for_the_grade(coop, board, grade,
                                                                staff_client):
    (member,) = producers(coop, board, grade, count=1)
    with scope(cooperative=coop):
        other = Grade.objects.create(cooperative=coop, category=grade.category.__class__
                                     .objects.create(cooperative=coop, name="Gula aren"),
                                     name="Gula aren A")
    response = staff_client.post(f"/k/{coop.slug}/kontrak/mutu/{other.pk}/setujui/",
                                 {"product": member.coffee.pk}, follow=True)
    assert "Produk anggota:" in response.content.decode()
    with scope(cooperative=coop):
        assert not GradeApproval.objects.filter(grade=other).exists()
