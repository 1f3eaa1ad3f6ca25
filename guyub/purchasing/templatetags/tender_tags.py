from django import template

from .purchasing_tags import qty

register = template.Library()
# Tender pages load these tags only: the same quantity filter as the round pages.
register.filter("qty", qty)
