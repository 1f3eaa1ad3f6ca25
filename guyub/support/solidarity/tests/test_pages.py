"""The fund's pages as people use them: a member asks and sees only their own requests;
the board decides and staff pay through the pages; the report matches the ledger."""

from decimal import Decimal

from django.urls import reverse
from django_scopes import scope

from guyub.support.solidarity.models import Grant
from guyub.testing.support import approved_grant, fund_balance, member_with_login, signed_in


def test_a_member_asks_for_help_and_sees_only_their_own_requests(coop, world):
    sari, budi = world["sari"], world["budi"]
    client = signed_in(sari.user)
    url = reverse("support:my_fund", args=[coop.slug])
    page = client.get(url)
    assert "1.000.000" in page.content.decode()  # the fund's balance
    response = client.post(url, {"category": "fire", "amount_requested": "2.500.000",
                                 "reason": "Bengkel batik terbakar"})
    assert response.status_code == 302
    with scope(cooperative=coop):
        grant = Grant.objects.get(member=sari)
    assert grant.amount_requested == Decimal(2_500_000)
    assert client.get(reverse("support:my_grant", args=[coop.slug, grant.pk])).status_code == 200
    other = signed_in(budi.user)
    assert other.get(reverse("support:my_grant", args=[coop.slug, grant.pk])).status_code == 404
    assert "Bengkel batik" not in other.get(url).content.decode()


def test_nasty_input_on_the_request_form_is_refused_in_words_not_a_500(coop, world):
    client = signed_in(world["sari"].user)
    url = reverse("support:my_fund", args=[coop.slug])
    for data in ({"category": "fire", "amount_requested": "9" * 40, "reason": "x"},
                 {"category": "fire", "amount_requested": "100000", "reason": "y" * 5000},
                 {"category": "holiday", "amount_requested": "1", "reason": "z"}):
        response = client.post(url, data)
        assert response.status_code == 200, data
        assert response.context["form"].errors
    # NUL never reaches the form: the front door answers 400 (the service refuses it too).
    nul = {"category": "fire", "amount_requested": "100000", "reason": "a\x00b"}
    assert client.post(url, nul).status_code == 400
    with scope(cooperative=coop):
        assert not Grant.objects.exists()


def test_the_board_decides_and_staff_pay_through_the_pages(coop, world):
    sari = world["sari"]
    signed_in(sari.user).post(reverse("support:my_fund", args=[coop.slug]), {
        "category": "illness", "amount_requested": "400000", "reason": "Dirawat"})
    with scope(cooperative=coop):
        grant = Grant.objects.get(member=sari)
    board = signed_in(world["board"])
    board.post(reverse("support:grant_decide", args=[coop.slug, grant.pk]),
               {"decision": "approve", "amount": "350.000", "note": "Layak"})
    signed_in(world["staff"]).post(reverse("support:grant_pay", args=[coop.slug, grant.pk]),
                                   {"method": "bank", "date": str(grant.requested_at.date())})
    with scope(cooperative=coop):
        grant.refresh_from_db()
    assert (grant.status, grant.amount_approved) == (Grant.Status.PAID, Decimal(350_000))
    assert fund_balance(coop) == Decimal(650_000)


def test_the_report_shows_the_fund_by_category_and_matches_the_ledger(coop, world):
    grant = approved_grant(coop, world["budi"], requester=world["budi"].user,
                           decider=world["board"], amount=200_000)
    from guyub.support.solidarity import services
    with scope(cooperative=coop):
        services.pay_grant(grant=grant, actor=world["staff"], method="cash",
                           date=grant.requested_at.date())
    page = signed_in(world["other_board"]).get(reverse("support:fund", args=[coop.slug]))
    html = page.content.decode()
    assert page.context["report"]["matches"] is True
    assert page.context["report"]["closing"] == Decimal(800_000)
    assert "Kebakaran tempat usaha" in html and "800.000" in html


def test_a_member_of_another_cooperative_sees_nothing(coop, other_coop, world):
    stranger = member_with_login(other_coop, "Orang Lain")
    grant = approved_grant(coop, world["sari"], requester=world["sari"].user,
                           decider=world["board"], amount=100_000)
    client = signed_in(stranger.user)
    for url in (reverse("support:my_fund", args=[coop.slug]),
                reverse("support:my_grant", args=[coop.slug, grant.pk]),
                reverse("support:fund", args=[coop.slug])):
        assert client.get(url).status_code in (403, 404)


def test_a_members_home_links_the_fund_and_the_help_board(coop, world):
    home = signed_in(world["sari"].user).get(reverse("core:dashboard", args=[coop.slug]))
    html = home.content.decode()
    assert reverse("support:my_fund", args=[coop.slug]) in html
    assert reverse("support:helpboard", args=[coop.slug]) in html
    assert "1.000.000" in html
