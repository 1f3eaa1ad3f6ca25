"""The board's SHU pages fit a 360 px phone (headless Chromium): the years, the policy
form, the simulation with its member table, and a proposed plan with its shares."""

import pytest
from django.urls import reverse

from guyub.core.tests.test_layout_phone import MEASURE, WIDTH
from guyub.testing import finance_plans as books
from guyub.testing import governance as world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_shu_pages_fit_a_phone(live_server, browser, coop, board, client):
    members = [world.member_with_login(coop, name) for name in (
        "Raden Ayu Sekar Kedhaton Prameswari Wulandari", "Budi")]
    for member in members:
        books.capital_and_interest(coop, member, capital=12_500_000, interest=1_250_000)
    books.book_year(coop, members_income=1_250_000_000, non_members_income=375_000_000)
    books.close_year(coop, board)
    plan = books.proposed_plan(coop, [(m, 12_500_000, 1_250_000) for m in members])
    client.force_login(board)
    context = browser.new_context(locale="id-ID", viewport={"width": WIDTH, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    wrong = {}
    for url in (reverse("finance:shu", args=[coop.slug]),
                reverse("finance:shu_policy", args=[coop.slug]),
                reverse("finance:shu_simulate", args=[coop.slug, books.YEAR]),
                reverse("finance:shu_plan", args=[coop.slug, plan.pk])):
        page.goto(live_server.url + url)
        found = page.evaluate(MEASURE, WIDTH)
        if found["page"] > WIDTH or found["outside"] or found["wide"]:
            wrong[url] = found
    context.close()
    assert not wrong, wrong
