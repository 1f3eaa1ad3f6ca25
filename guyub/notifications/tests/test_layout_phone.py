"""The inbox and the preferences page fit a 360 px phone (headless Chromium), with a
long notice and the unread badge in the header loaded by htmx."""

import pytest

from guyub.core.tests.test_layout_phone import MEASURE, WIDTH
from guyub.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_notification_pages_fit_a_phone(live_server, browser, coop, make_user, client):
    ani = make_user(coop, "board")
    for n in range(3):
        notify(cooperative=coop, topic="members.application_received",
               event_id=f"member.applied:{n}", recipients=[ani], link="/k/maju/permohonan/",
               params={"name": "Pemohon.makanan_ringan.keripik@koperasi-produsen-umkm.co.id",
                       "business": "Usaha Dagang Keripik Tempe dan Singkong Sumber Rejeki"})
    client.force_login(ani)
    context = browser.new_context(locale="id-ID", viewport={"width": WIDTH, "height": 800})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    wrong = {}
    for url in ("/notifikasi/", "/notifikasi/pengaturan/"):
        page.goto(live_server.url + url)
        page.wait_for_selector(".bell .unread-count")     # htmx loaded the badge
        assert page.inner_text(".bell .unread-count") == "3"
        found = page.evaluate(MEASURE, WIDTH)
        if found["page"] > WIDTH or found["outside"] or found["wide"]:
            wrong[url] = found
    context.close()
    assert not wrong, wrong
