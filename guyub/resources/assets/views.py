"""The officers' asset pages: the register, an asset's page (photos, trained members,
maintenance, its latest bookings) and the forms that change them. Reading is for every
officer (resources.view); changing is board's and staff's (resources.manage).

The small actions on an asset's page (a photo, a qualification, maintenance done) post
and come back to the page: a refusal is shown there as a message."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guyub.core.errors import attempt, run_form
from guyub.core.tenancy import coop_view

from . import selectors, services
from .forms import AssetForm, MaintainedForm, PhotoForm, QualificationForm
from .models import Asset


def _asset(pk) -> Asset:
    found = selectors.asset(pk)
    if found is None:
        raise Http404
    return found


def _back(request, asset):
    return redirect("resources:asset", request.coop.slug, asset.pk)


def _refused(request, form) -> None:
    """A posted form that did not validate, told on the page it came from."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_safe
@coop_view("resources.view")
def asset_list(request):
    show_all = request.GET.get("semua") == "1"
    today = timezone.localdate()
    assets = list(selectors.asset_list(include_inactive=show_all))
    rows = [{"asset": a, "due_on": selectors.maintenance_due_on(a),
             "due": selectors.maintenance_due(a, today=today)} for a in assets]
    return render(request, "resources/assets/list.html", {
        "rows": rows, "show_all": show_all,
        "can_manage": request.access.can("resources.manage")})


@coop_view("resources.manage")
def asset_create(request):
    form = AssetForm(request.POST or None)
    form.instance.cooperative = request.coop
    asset = run_form(request, form, services.save_asset)
    if asset:
        messages.success(request, _("Aset %(name)s dicatat.") % {"name": asset.name})
        return _back(request, asset)
    return render(request, "resources/assets/form.html", {"form": form, "asset": None})


@coop_view("resources.manage")
def asset_edit(request, pk):
    asset = _asset(pk)
    form = AssetForm(request.POST or None, instance=asset)
    saved = run_form(request, form, services.save_asset)
    if saved:
        messages.success(request, _("Perubahan aset disimpan."))
        return _back(request, saved)
    return render(request, "resources/assets/form.html", {"form": form, "asset": asset})


@require_safe
@coop_view("resources.view")
def asset_detail(request, pk):
    asset = _asset(pk)
    can_manage = request.access.can("resources.manage")
    today = timezone.localdate()
    return render(request, "resources/assets/detail.html", {
        "asset": asset, "photos": selectors.photos(asset),
        "qualifications": selectors.qualifications(asset),
        "due_on": selectors.maintenance_due_on(asset),
        "due": selectors.maintenance_due(asset, today=today),
        "bookings": selectors.recent_bookings(asset),
        "can_manage": can_manage,
        "photo_form": PhotoForm() if can_manage else None,
        "qualification_form": QualificationForm(members=selectors.trainable_members())
        if can_manage and asset.required_training else None,
        "maintained_form": MaintainedForm() if can_manage else None,
    })


@require_POST
@coop_view("resources.manage")
def asset_deactivate(request, pk):
    asset = _asset(pk)
    attempt(request, lambda: services.set_active(asset=asset, actor=request.user, active=False),
            success=_("Aset tidak aktif lagi: tidak dapat dipesan; riwayatnya tetap."))
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def asset_reactivate(request, pk):
    asset = _asset(pk)
    attempt(request, lambda: services.set_active(asset=asset, actor=request.user, active=True),
            success=_("Aset aktif kembali."))
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def photo_add(request, pk):
    asset = _asset(pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        _refused(request, form)
    else:
        attempt(request, lambda: services.add_photo(
            asset=asset, actor=request.user, upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"]), success=_("Foto ditambahkan."))
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def photo_remove(request, pk, photo_pk):
    asset = _asset(pk)
    photo = selectors.photo(asset, photo_pk)
    if photo is None:
        # Already removed (a second click, another officer): nothing left to do.
        messages.info(request, _("Foto sudah tidak ada."))
        return _back(request, asset)
    attempt(request, lambda: services.remove_photo(photo=photo, actor=request.user),
            success=_("Foto dihapus."))
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def qualification_grant(request, pk):
    asset = _asset(pk)
    form = QualificationForm(request.POST, members=selectors.trainable_members())
    if not form.is_valid():
        _refused(request, form)
    else:
        data = form.cleaned_data
        attempt(request, lambda: services.grant_qualification(
            asset=asset, member=data["member"], actor=request.user,
            granted_on=data["granted_on"], note=data["note"]),
            success=_("%(name)s dicatat terlatih untuk aset ini.")
            % {"name": data["member"].owner_name})
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def qualification_revoke(request, pk, qualification_pk):
    asset = _asset(pk)
    qualification = selectors.qualification(asset, qualification_pk)
    if qualification is None:
        messages.info(request, _("Catatan pelatihan itu sudah tidak ada."))
        return _back(request, asset)
    attempt(request, lambda: services.revoke_qualification(qualification=qualification,
                                                           actor=request.user),
            success=_("Catatan pelatihan dicabut."))
    return _back(request, asset)


@require_POST
@coop_view("resources.manage")
def asset_maintained(request, pk):
    asset = _asset(pk)
    form = MaintainedForm(request.POST)
    if request.POST.get("on") and not form.is_valid():
        _refused(request, form)
    else:
        # An empty post (the plain button) means today.
        on = form.cleaned_data["on"] if form.is_valid() else None
        attempt(request, lambda: services.mark_maintained(asset=asset, actor=request.user,
                                                          on=on),
                success=_("Perawatan dicatat selesai."))
    return _back(request, asset)
