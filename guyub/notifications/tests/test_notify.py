"""notify(): the outbox written in the caller's transaction, once per event and person,
channels as each person chose them."""

import pytest

from guyub.notifications import UnknownTopic, all_topics, topic
from guyub.notifications.models import Delivery, Notice
from guyub.notifications.services import BadNotice, notify, save_preferences
from guyub.testing.factories import MemberFactory

pytestmark = pytest.mark.django_db

RECEIVED = "members.application_received"
PARAMS = {"name": "Sri Wahyuni", "business": "Keripik Tempe Sri"}


def _notify(coop, recipients, event_id="member.applied:1", **kwargs):
    return notify(cooperative=coop, topic=RECEIVED, event_id=event_id,
                  recipients=recipients, link="/k/maju/permohonan/",
                  params=kwargs.pop("params", PARAMS), **kwargs)


def test_the_members_app_declares_its_topics():
    assert {"members.application_received", "members.application_approved",
            "members.application_rejected"} <= set(all_topics())
    assert topic(RECEIVED).channels == ("inbox", "email", "whatsapp")


def test_an_unknown_topic_is_a_clear_error_naming_the_known_ones(coop, officers):
    with pytest.raises(UnknownTopic, match="No notification topic 'members.typo'.*known"):
        topic("members.typo")
    with pytest.raises(UnknownTopic):
        notify(cooperative=coop, topic="members.typo", event_id="x",
               recipients=[officers["board"]])


def test_each_recipient_gets_one_inbox_notice_and_one_email(coop, officers):
    people = [officers["board"], officers["staff"].pk]   # a User or a user id
    assert _notify(coop, people) == 2
    notices = Notice.objects.filter(event_id="member.applied:1")
    assert sorted(n.user_id for n in notices) == sorted([officers["board"].pk,
                                                         officers["staff"].pk])
    assert {(d.channel, d.address, d.status) for d in Delivery.objects.all()} == {
        ("email", officers["board"].email, "pending"),
        ("email", officers["staff"].email, "pending")}


def test_the_same_event_twice_notifies_each_person_once(coop, officers):
    assert _notify(coop, [officers["board"], officers["board"]]) == 1
    assert _notify(coop, [officers["board"], officers["staff"]]) == 1   # only the new one
    assert _notify(coop, [officers["board"], officers["staff"]]) == 0
    assert Notice.objects.count() == 2 and Delivery.objects.count() == 2
    # Another event is another notice.
    assert _notify(coop, [officers["board"]], event_id="member.applied:2") == 1


def test_the_same_event_id_in_another_cooperative_is_another_event(coop, other_coop, officers):
    assert _notify(coop, [officers["board"]]) == 1
    assert _notify(other_coop, [officers["board"]]) == 1


def test_a_caller_rolled_back_leaves_no_notice(coop, officers):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(coop, [officers["board"]])
        raise RuntimeError("the caller's write failed")
    assert not Notice.objects.exists() and not Delivery.objects.exists()


def test_a_channel_switched_off_for_a_topic_is_not_used(coop, officers):
    save_preferences(user=officers["board"], language="id", whatsapp="",
                     channels={RECEIVED: []})
    _notify(coop, [officers["board"], officers["staff"]])
    assert Notice.objects.count() == 2          # the inbox is always on
    assert [d.address for d in Delivery.objects.all()] == [officers["staff"].email]


def test_whatsapp_goes_to_the_members_phone_or_the_users_own_number(
        coop, officers, whatsapp):
    MemberFactory(cooperative=coop, user=officers["staff"], phone="0812-3456-7890")
    save_preferences(user=officers["board"], language="id", whatsapp="+62 857 1111 2222",
                     channels={RECEIVED: ["whatsapp"]})
    _notify(coop, [officers["board"], officers["staff"], officers["member"]])
    sent_to = {(d.notice.user_id, d.channel): d.address for d in Delivery.objects.all()}
    assert sent_to == {
        (officers["board"].pk, "whatsapp"): "6285711112222",
        (officers["staff"].pk, "email"): officers["staff"].email,
        (officers["staff"].pk, "whatsapp"): "6281234567890",
        (officers["member"].pk, "email"): officers["member"].email,   # no phone known
    }


def test_whatsapp_is_not_used_until_it_is_configured(coop, officers, settings):
    settings.WHATSAPP_TOKEN = ""
    MemberFactory(cooperative=coop, user=officers["staff"], phone="081234567890")
    _notify(coop, [officers["staff"]])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


@pytest.mark.parametrize("link", ["https://jahat.example/", "//jahat.example/x", "k/maju/"])
def test_a_link_must_be_a_path_of_this_site(coop, officers, link):
    with pytest.raises(BadNotice, match="site-relative"):
        notify(cooperative=coop, topic=RECEIVED, event_id="e", recipients=[officers["board"]],
               link=link, params=PARAMS)


@pytest.mark.parametrize("params", [{"name": "Sri"}, {**PARAMS, "name": 1.5},
                                    {**PARAMS, "name": ["a"]}])
def test_params_must_fit_the_topics_text_and_be_plain(coop, officers, params):
    with pytest.raises(BadNotice):
        _notify(coop, [officers["board"]], params=params)
    assert not Notice.objects.exists()


def test_sending_is_queued_when_the_callers_transaction_commits(
        coop, officers, django_capture_on_commit_callbacks, smtp):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _notify(coop, [officers["board"]])
    assert len(queued) == 1 and smtp.messages == []   # nothing left before the commit
    queued[0]()
    assert len(smtp.to(officers["board"].email)) == 1
