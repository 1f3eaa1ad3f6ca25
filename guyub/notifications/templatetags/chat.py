"""{% load chat %} … <a href="{% wa_me member.phone text %}">: click-to-chat links."""

from django import template

from ..chat import wa_me as build

register = template.Library()


@register.simple_tag
def wa_me(number="", text=""):
    return build(number, text)


@register.simple_tag
def wa_share(text, link=""):
    """A wa.me link without a number: WhatsApp asks whom to send `text` and `link` to."""
    return build("", f"{text} {link}".strip())
