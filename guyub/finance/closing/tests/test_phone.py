"""The closing pages fit a 360 px phone, with a closed year, its adjustment and an open
year on them (headless Chromium, marker `browser`)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from guyub.core.tests.test_layout_phone import MEASURE, WIDTH
from guyub.finance.closing.services import close_year, record_adjustment
from guyub.ledger.services import Line
from guyub.testing.finance_fb import book_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_closing_pages_fit_a_phone(live_server, browser, coop, board, last_year):
    book_year(coop, last_year - 1, members=12_345_678_900, expenses=1_234_567_890)
    book_year(coop, last_year, members=98_765_432_100, expenses=8_765_432_100)
    first = close_year(cooperative=coop, year=last_year - 1, actor=board)
    record_adjustment(close=first, date=dt.date(last_year - 1, 12, 30), actor=board,
                      reason="Faktur listrik dan air bulan Desember yang tertinggal " * 3,
                      lines=[Line("operating_expense", debit=Decimal(1_500_000)),
                             Line("cash", credit=Decimal(1_500_000))])
    client = Client()
    client.force_login(board)
    base = f"/k/{coop.slug}/keuangan/tutup-buku/"
    urls = [base, f"{base}{last_year}/", f"{base}{last_year - 1}/penyesuaian/"]
    assert all(client.get(u).status_code == 200 for u in urls)

    context = browser.new_context(locale="id-ID", viewport={"width": WIDTH, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    wrong = {}
    for url in urls:
        page.goto(live_server.url + url)
        found = page.evaluate(MEASURE, WIDTH)
        if found["page"] > WIDTH or found["outside"] or found["wide"]:
            wrong[url] = found
    # The adjustment form sent back with errors, as the board would see it.
    page.goto(live_server.url + urls[2])
    page.fill("textarea[name=reason]", "Uji")
    page.click("form.card button[type=submit]")
    assert page.locator("p.error").count() > 0  # the errors are on the page measured
    found = page.evaluate(MEASURE, WIDTH)
    if found["page"] > WIDTH or found["outside"] or found["wide"]:
        wrong["adjust with errors"] = found
    context.close()
    assert not wrong, wrong
