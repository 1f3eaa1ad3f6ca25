"""A user's inbox as the tests read it: newest first, each notice with its topic, its
sentence (in the site's language) and its link."""

from dataclasses import dataclass

from guyub.notifications import rendering
from guyub.notifications.models import Notice


@dataclass(frozen=True)
class Told:
    topic: str
    text: str
    link: str
    event_id: str


def inbox(user) -> list[Told]:
    return [Told(n.topic, rendering.text(n), n.link, n.event_id)
            for n in Notice.objects.filter(user=user).select_related("cooperative")]
