"""The catalog's settings: market channels and their rules, product categories.

Both are set up the same way (a list, and one form to add or change a row), so each
is described once in SETUP and served by the same list and form views."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from guyub.catalog.models import Category, Channel
from guyub.core.errors import run_form
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import CategoryForm, ChannelForm


@dataclass(frozen=True)
class SetupPage:
    model: Any
    form: Any
    save: Any            # the service: save(row, actor=…)
    saved: Any           # the message once saved (lazy), with %(name)s
    list_url: str
    template: str
    context_name: str    # the row's name in the form template


SETUP = {
    "channel": SetupPage(
        model=Channel, form=ChannelForm,
        save=lambda channel, *, actor: services.save_channel(channel=channel, actor=actor),
        saved=_("Saluran %(name)s disimpan."), list_url="catalog:channels",
        template="catalog/channel_form.html", context_name="channel"),
    "category": SetupPage(
        model=Category, form=CategoryForm,
        save=lambda category, *, actor: services.save_category(category=category, actor=actor),
        saved=_("Kategori %(name)s disimpan."), list_url="catalog:categories",
        template="catalog/category_form.html", context_name="category"),
}


def _setup_form(request, page: SetupPage, row):
    creating = row.pk is None
    form = page.form(request.POST or None, instance=row)
    if run_form(request, form, page.save) is not None:
        messages.success(request, page.saved % {"name": row.name})
        return redirect(page.list_url, request.coop.slug)
    return render(request, page.template,
                  {"form": form, page.context_name: None if creating else row})


@coop_view("catalog.view")
def channel_list(request):
    return render(request, "catalog/channel_list.html", {
        "channels": Channel.objects.order_by("id"),
        "can_manage": request.access.can("catalog.manage"),
    })


@coop_view("catalog.manage")
def channel_create(request):
    return _setup_form(request, SETUP["channel"], Channel(cooperative=request.coop))


@coop_view("catalog.manage")
def channel_edit(request, pk):
    return _setup_form(request, SETUP["channel"], get_object_or_404(Channel, pk=pk))


@coop_view("catalog.view")
def category_list(request):
    return render(request, "catalog/category_list.html", {
        "categories": selectors.category_overview(),
        "can_curate": request.access.can("catalog.curate"),
    })


@coop_view("catalog.curate")
def category_create(request):
    return _setup_form(request, SETUP["category"], Category(cooperative=request.coop))


@coop_view("catalog.curate")
def category_edit(request, pk):
    return _setup_form(request, SETUP["category"], get_object_or_404(Category, pk=pk))
