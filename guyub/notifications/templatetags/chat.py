"""{% load chat %} … <a href="{% wa_me member.phone text %}">: click-to-chat links."""

from django import template

from ..chat import wa_me as build

register = template.Library()


@register.simple_tag
def wa_me(number="", text=""):
    return build(number, text)
