"""The member's own SHU (work in progress)."""

from django.http import Http404

from guyub.core.tenancy import coop_view


@coop_view("shu.own")
def my_shu(request):
    raise Http404


@coop_view("shu.own")
def my_shu_take(request, year):
    raise Http404
