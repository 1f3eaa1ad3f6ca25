"""Who is trained for an asset: granted and revoked by officers with a date and a note,
within the cooperative only."""

import datetime as dt

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from guyub.resources.assets import selectors
from guyub.resources.assets.models import Qualification
from guyub.testing.factories import MemberFactory
from guyub.testing.resources import roaster


def qualifications():
    with scopes_disabled():
        return list(Qualification.objects.order_by("pk"))


def grant(client, coop, asset, member, **data):
    return client.post(f"/k/{coop.slug}/sumber-daya/aset/{asset.pk}/pelatihan/",
                       {"member": member.pk, "granted_on": "2026-01-05",
                        "note": "Sertifikat Q-Grader", **data}, follow=True)


def test_grant_with_date_and_note_then_the_member_is_trained(staff_client, client, coop,
                                                             machine, tani):
    response = grant(staff_client, coop, machine, tani)
    assert "dicatat terlatih" in response.content.decode()
    [q] = qualifications()
    assert (q.member, q.granted_on, q.note) == (tani, dt.date(2026, 1, 5), "Sertifikat Q-Grader")
    with scope(cooperative=coop):
        assert selectors.is_qualified(asset=machine, member=tani)
    client.force_login(tani.user)
    page = client.get(f"/k/{coop.slug}/saya/sumber-daya/aset/{machine.pk}/").content.decode()
    assert "sudah terlatih" in page


def test_twice_or_in_the_future_is_refused(staff_client, coop, machine, tani):
    grant(staff_client, coop, machine, tani)
    again = grant(staff_client, coop, machine, tani)
    assert "sudah tercatat" in again.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    with scopes_disabled():
        Qualification.objects.all().delete()
    assert "masa depan" in grant(staff_client, coop, machine, tani,
                                 granted_on=future).content.decode()
    assert qualifications() == []


def test_another_cooperatives_member_cannot_be_granted(staff_client, coop, other_coop,
                                                       machine):
    stranger = MemberFactory(cooperative=other_coop, owner_name="Orang Lain")
    response = grant(staff_client, coop, machine, stranger)
    assert "Pilih anggota aktif" in response.content.decode()
    assert qualifications() == []


def test_another_cooperatives_qualification_cannot_be_revoked(staff_client, coop, other_coop,
                                                              machine, board):
    theirs = roaster(other_coop)
    member = MemberFactory(cooperative=other_coop)
    with scopes_disabled():
        q = Qualification.objects.create(cooperative=other_coop, asset=theirs, member=member)
    # Through our asset's URL: not found among ours; through theirs: not our cooperative.
    staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/pelatihan/{q.pk}/cabut/")
    assert staff_client.post(
        f"/k/{coop.slug}/sumber-daya/aset/{theirs.pk}/pelatihan/{q.pk}/cabut/"
    ).status_code == 404
    assert staff_client.post(
        f"/k/{other_coop.slug}/sumber-daya/aset/{theirs.pk}/pelatihan/{q.pk}/cabut/"
    ).status_code == 404
    assert qualifications() == [q]


def test_revoke(staff_client, coop, machine, tani):
    grant(staff_client, coop, machine, tani)
    [q] = qualifications()
    staff_client.post(f"/k/{coop.slug}/sumber-daya/aset/{machine.pk}/pelatihan/{q.pk}/cabut/")
    assert qualifications() == []
    with scope(cooperative=coop):
        assert not selectors.is_qualified(asset=machine, member=tani)


def test_an_asset_without_required_training_is_open_to_all(coop, tani):
    free = roaster(coop, name="Timbangan", required_training="")
    with scope(cooperative=coop):
        assert selectors.is_qualified(asset=free, member=tani)
