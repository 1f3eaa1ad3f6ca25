"""What the platform can tell people about: each app declares its topics (its
AppConfig's `notification_topics` hook, a function returning list[Topic])."""

from dataclasses import dataclass
from functools import cache

from guyub.core.contributions import contributions

CHANNELS = ("inbox", "email", "whatsapp")


class UnknownTopic(LookupError):
    """notify() or a page named a topic no app declares."""


@dataclass(frozen=True)
class Topic:
    key: str                 # "purchasing.round_closed"
    title: str               # lazy gettext, shown in preferences
    text: str                # lazy gettext with %(name)s placeholders, Indonesian source
    channels: tuple = CHANNELS   # the channels on until the user chooses otherwise


@cache
def all_topics() -> dict[str, Topic]:
    found: dict[str, Topic] = {}
    for declare in contributions("notification_topics"):
        for declared in declare():
            if declared.key in found:
                raise ValueError(f"Notification topic {declared.key!r} is declared twice")
            unknown = set(declared.channels) - set(CHANNELS)
            if unknown:
                raise ValueError(f"Topic {declared.key!r} names unknown channels {unknown}")
            found[declared.key] = declared
    return found


def topic(key: str) -> Topic:
    try:
        return all_topics()[key]
    except KeyError:
        raise UnknownTopic(
            f"No notification topic {key!r}: an app declares its topics in "
            f"notices.topics (AppConfig.contributes['notification_topics']); "
            f"known: {sorted(all_topics())}") from None
