"""The superuser's back office shows a membership's status and join date but does not
change them: the status changes (and their dates, which the SHU counts from) are
written by members.services only."""

import pytest

from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_admin_cannot_end_a_membership_behind_the_services_back(admin_client, coop):
    member = MemberFactory(cooperative=coop, owner_name="Sri Wahyuni")
    page = admin_client.get(f"/admin/members/member/{member.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "status" not in form.fields and "join_date" not in form.fields

    assert "Aktif" in page.content.decode()  # shown, read only
    # Nor is a status change's record added, edited or deleted there.
    assert admin_client.get("/admin/members/statuschange/add/").status_code == 403
