"""The catalog's settings: market channels and their rules, product categories."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guyub.core.errors import run_form
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import CategoryForm, ChannelForm
from .models import Category, Channel


def _save_channel(channel, *, actor):
    return services.save_channel(channel=channel, actor=actor)


def _save_category(category, *, actor):
    return services.save_category(category=category, actor=actor)


@coop_view("catalog.view")
def channel_list(request):
    return render(request, "catalog/channel_list.html", {
        "channels": Channel.objects.order_by("id"),
        "can_manage": request.access.can("catalog.manage"),
    })


@coop_view("catalog.manage")
def channel_create(request):
    return _channel_form(request, Channel(cooperative=request.coop))


@coop_view("catalog.manage")
def channel_edit(request, pk):
    return _channel_form(request, get_object_or_404(Channel, pk=pk))


def _channel_form(request, channel):
    creating = channel.pk is None
    form = ChannelForm(request.POST or None, instance=channel)
    if run_form(request, form, _save_channel) is not None:
        messages.success(request, _("Saluran %(name)s disimpan.") % {"name": channel.name})
        return redirect("catalog:channels", request.coop.slug)
    return render(request, "catalog/channel_form.html",
                  {"form": form, "channel": None if creating else channel})


@coop_view("catalog.view")
def category_list(request):
    return render(request, "catalog/category_list.html", {
        "categories": selectors.category_overview(),
        "can_curate": request.access.can("catalog.curate"),
    })


@coop_view("catalog.curate")
def category_create(request):
    return _category_form(request, Category(cooperative=request.coop))


@coop_view("catalog.curate")
def category_edit(request, pk):
    return _category_form(request, get_object_or_404(Category, pk=pk))


def _category_form(request, category):
    creating = category.pk is None
    form = CategoryForm(request.POST or None, instance=category)
    if run_form(request, form, _save_category) is not None:
        messages.success(request, _("Kategori %(name)s disimpan.") % {"name": category.name})
        return redirect("catalog:categories", request.coop.slug)
    return render(request, "catalog/category_form.html",
                  {"form": form, "category": None if creating else category})
