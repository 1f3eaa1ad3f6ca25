"""The member's SHU statement (work in progress)."""

from django.http import Http404

from guyub.core.tenancy import coop_view


@coop_view("shu.own")
def my_shu_statement(request, year):
    raise Http404
