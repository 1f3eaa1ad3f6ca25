from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guyub.core.errors import attempt
from guyub.core.tenancy import coop_view, public_coop_view

from . import notices, selectors, services, spreadsheets
from .forms import (
    PROFILE_FIELDS,
    ApplicationForm,
    ImportForm,
    MemberFilterForm,
    MemberForm,
    StatusChangeForm,
)
from .models import Member
from .rights import STATUS_PERMISSION
from .simpanan.forms import SukarelaForm, WajibPaymentForm
from .simpanan.views import simpanan_context

PAGE_SIZE = 25


def _filtered(request):
    form = MemberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.member_list(**{k: v for k, v in filters.items() if v})


@coop_view("members.view")
def member_list(request):
    form, members = _filtered(request)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_edit": request.access.can("members.edit")}
    if request.htmx:
        return render(request, "members/_member_table.html", context)
    return render(request, "members/member_list.html", context)


@coop_view("members.view")
def member_export(request):
    _form, members = _filtered(request)
    response = HttpResponse(
        spreadsheets.export_xlsx(members),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="anggota-{request.coop.slug}-{stamp}.xlsx"')
    return response


@coop_view("members.view")
def member_detail(request, pk):
    member = get_object_or_404(Member, pk=pk)
    return render(request, "members/member_detail.html", {
        "member": member,
        "changes": member.status_changes.select_related("actor"),
        "status_form_date": timezone.localdate().isoformat(),
        # Offer only the actions this role may take: the others end on a 403 page.
        "can_edit": request.access.can("members.edit"),
        "can_approve": request.access.can("members.approve"),
        "can_change_status": request.access.can("members.status"),
        "can_record": request.access.can("simpanan.record"),
        "wajib_form": WajibPaymentForm(prefix="wajib"),
        "deposit_form": SukarelaForm(prefix="setor-sukarela"),
        "withdraw_form": SukarelaForm(prefix="tarik-sukarela"),
        **simpanan_context(member),
    })


@coop_view("members.edit")
def member_create(request):
    form = MemberForm(request.POST or None, cooperative=request.coop)
    if request.method == "POST" and form.is_valid():
        member = services.register_member(
            cooperative=request.coop, actor=request.user,
            profile={f: form.cleaned_data[f] for f in PROFILE_FIELDS})
        messages.success(request, _("Anggota %(name)s terdaftar dengan nomor %(no)s.")
                         % {"name": member.owner_name, "no": member.display_number})
        return redirect("members:detail", request.coop.slug, member.pk)
    return render(request, "members/member_form.html", {"form": form})


@coop_view("members.edit")
def member_edit(request, pk):
    member = get_object_or_404(Member, pk=pk)
    form = MemberForm(request.POST or None, instance=member, cooperative=request.coop)
    if request.method == "POST" and form.is_valid():
        services.update_member(member=member, actor=request.user,
                               profile={f: form.cleaned_data[f] for f in PROFILE_FIELDS})
        messages.success(request, _("Data anggota disimpan."))
        return redirect("members:detail", request.coop.slug, member.pk)
    return render(request, "members/member_form.html", {"form": form, "member": member})


@require_POST
@coop_view("members.view")
def member_status(request, pk, to_status):
    if to_status not in STATUS_PERMISSION:
        raise Http404
    request.access.require(STATUS_PERMISSION[to_status])
    member = get_object_or_404(Member, pk=pk)
    form = StatusChangeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        attempt(request, lambda: services.change_status(member=member, actor=request.user,
                                                        to_status=to_status,
                                                        **form.cleaned_data),
                success=lambda changed: _("%(name)s: status sekarang %(status)s.")
                % {"name": changed.owner_name, "status": changed.get_status_display()})
    if request.POST.get("next") == "applications":
        return redirect("members:applications", request.coop.slug)
    return redirect("members:detail", request.coop.slug, member.pk)


@coop_view("members.approve")
def application_list(request):
    return render(request, "members/application_list.html", {
        "applications": selectors.applications(),
        "today": timezone.localdate().isoformat(),
    })


@coop_view("members.import")
def member_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            created = spreadsheets.import_members(cooperative=request.coop, actor=request.user,
                                                  upload=form.cleaned_data["file"])
        except spreadsheets.ImportRejected as rejected:
            row_errors = rejected.errors
        else:
            messages.success(request, _("%(n)s anggota diimpor.") % {"n": len(created)})
            return redirect("members:list", request.coop.slug)
    return render(request, "members/member_import.html", {
        "form": form, "row_errors": row_errors, "columns": list(spreadsheets.COLUMNS),
        "required": spreadsheets.REQUIRED_HEADERS,
    })


@coop_view("portal.view")
def portal(request):
    member = selectors.own_membership(request.user)
    if member is None:
        raise Http404
    return render(request, "members/portal.html",
                  {"member": member, **simpanan_context(member)})


@public_coop_view
def apply(request):
    form = ApplicationForm(request.POST or None, cooperative=request.coop, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.existing_account:
            notices.tell_existing_account(request, cooperative=request.coop,
                                          email=form.cleaned_data["email"],
                                          password=form.cleaned_data["password1"])
            return redirect("members:applied", request.coop.slug)
        if attempt(request, lambda: services.submit_application(
                cooperative=request.coop,
                profile={f: form.cleaned_data[f] for f in PROFILE_FIELDS},
                user=request.user, password=form.cleaned_data.get("password1")), form=form):
            return redirect("members:applied", request.coop.slug)
    return render(request, "members/apply.html", {"form": form, "coop": request.coop})


@public_coop_view
def applied(request):
    return render(request, "members/applied.html", {"coop": request.coop})
