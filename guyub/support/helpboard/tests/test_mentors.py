"""The mentor list: by sector, and a WhatsApp link only for fellow members when the
mentor shares their number."""

import pytest
from django.urls import reverse
from django_scopes import scope

from guyub.core.errors import DomainError
from guyub.support.helpboard import services
from guyub.testing.support import signed_in


def _mentor(coop, member, sectors, share_phone=True):
    with scope(cooperative=coop):
        return services.set_mentor(member=member, actor=member.user, sectors=sectors,
                                   teaches="Menyangrai kopi arabika", share_phone=share_phone)


def test_the_list_is_by_sector(coop, people):
    _mentor(coop, people["budi"], ["kopi", "makanan_minuman"])
    _mentor(coop, people["sari"], ["batik"])
    client = signed_in(people["sari"].user)
    url = reverse("support:mentors", args=[coop.slug])

    def names(sector):
        return [m.member.owner_name for m in client.get(url, {"sector": sector}).context["mentors"]]

    assert names("kopi") == ["Budi Santoso"]
    assert names("batik") == ["Sari Wulandari"]
    assert names("") == ["Budi Santoso", "Sari Wulandari"]
    assert names("nonsense") == ["Budi Santoso", "Sari Wulandari"]


def test_whatsapp_link_only_for_fellow_members_and_only_when_shared(coop, people):
    _mentor(coop, people["budi"], ["kopi"], share_phone=True)
    _mentor(coop, people["sari"], ["batik"], share_phone=False)
    url = reverse("support:mentors", args=[coop.slug])
    as_sari = signed_in(people["sari"].user).get(url).content.decode()
    assert as_sari.count("https://wa.me/") == 1  # Budi's; Sari's own is never shown
    as_staff = signed_in(people["staff"]).get(url).content.decode()
    assert "https://wa.me/" not in as_staff


def test_a_mentor_names_a_sector_and_what_they_teach(coop, people):
    with scope(cooperative=coop):
        for sectors, teaches in (([], "x"), (["mining"], "x"), (["kopi"], ""),
                                 (["kopi"], "a\x00")):
            with pytest.raises(DomainError):
                services.set_mentor(member=people["budi"], actor=people["budi"].user,
                                    sectors=sectors, teaches=teaches, share_phone=False)


def test_a_member_flags_themselves_through_the_page(coop, people):
    client = signed_in(people["sari"].user)
    response = client.post(reverse("support:mentor_edit", args=[coop.slug]), {
        "sectors": ["batik"], "teaches": "Pewarnaan alami", "active": "on"})
    assert response.status_code == 302
    page = client.get(reverse("support:mentors", args=[coop.slug], query={"sector": "batik"}))
    assert "Pewarnaan alami" in page.content.decode()
