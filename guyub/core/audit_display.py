"""Audit entries as sentences staff read: who, did what, to what (linked), when (WIB).

The log stores codes, ids and ISO strings so it stays stable and searchable; this
module turns one page of entries into Indonesian, fetching the names behind the ids
in one query per kind, always inside the entry's own cooperative.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .audit_actions import (
    BOOL,
    CHANGES,
    DATE,
    DATETIME,
    MONEY,
    NUMBER,
    RULES,
    TIERS,
    data_key,
    describe_action,
)
from .money import format_rupiah

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")

# The page of the object an entry is about: (url name, takes the object's pk).
OBJECT_PAGES: dict[str, tuple[str, bool]] = {
    "members.member": ("members:detail", True),
    "sales.order": ("sales:order", True),
    "sales.shipment": ("sales:shipment", True),
    "sales.payoutbatch": ("sales:payout", True),
    "purchasing.round": ("purchasing:round", True),
    "purchasing.tender": ("tenders:detail", True),
    "purchasing.supplier": ("purchasing:supplier", True),
    "purchasing.item": ("purchasing:item_edit", True),
    "purchasing.pricelist": ("purchasing:price_list_edit", True),
    "catalog.product": ("catalog:product", True),
    "catalog.certificate": ("catalog:certificate_edit", True),
    "catalog.category": ("catalog:category_edit", True),
    "catalog.channel": ("catalog:channel_edit", True),
    "catalog.bundle": ("catalog:bundle_edit", True),
    "ledger.journalentry": ("ledger:entry", True),
    "ledger.account": ("ledger:account", True),
    "core.cooperative": ("core:settings", False),
    "core.apitoken": ("core:tokens", False),
}

# Detail kinds that name rows: (model, page url name or None).
REFERENCES: dict[str, tuple[str, str | None]] = {
    "member": ("members.Member", "members:detail"),
    "product": ("catalog.Product", "catalog:product"),
    "supplier": ("purchasing.Supplier", "purchasing:supplier"),
    "purchase_item": ("purchasing.Item", "purchasing:item_edit"),
    "price_list": ("purchasing.PriceList", "purchasing:price_list_edit"),
    "round_item": ("purchasing.RoundItem", None),
}


@dataclass
class AuditRow:
    when: str
    actor: str
    sentence: SafeString
    details: list[tuple[str, SafeString]] = field(default_factory=list)


def format_wib(value: dt.datetime) -> str:
    """3 Des 2026, 14.05 WIB — Indonesian order, dot between hours and minutes."""
    local = value.astimezone(WIB) if value.tzinfo else value
    if (get_language() or "id").startswith("en"):
        return f"{date_format(local, 'j M Y, H:i')} WIB"
    return f"{date_format(local, 'j M Y, H.i')} WIB"


def join_readably(parts: list) -> SafeString:
    """"A, B dan C" (parts may be safe HTML)."""
    parts = [format_html("{}", p) for p in parts]
    if len(parts) <= 1:
        return mark_safe("".join(parts))
    return format_html("{} {} {}", mark_safe(", ".join(parts[:-1])), _("dan"), parts[-1])


def audit_rows(entries, cooperative) -> list[AuditRow]:
    entries = list(entries)
    names = _Names(cooperative, entries)
    return [_row(entry, names, cooperative) for entry in entries]


def _row(entry, names, cooperative) -> AuditRow:
    actor = (entry.actor.get_full_name() or entry.actor.username) if entry.actor else _("Sistem")
    sentence = format_html("{} {}", actor, describe_action(entry.action))
    target = _object_link(entry, cooperative)
    if target:
        sentence = format_html("{} {}", sentence, target)
    details = []
    for key, value in entry.data.items():
        label, kind = data_key(entry.action, key)
        shown = _value(value, kind, names, entry)
        if shown != "":
            details.append((str(label), shown))
    return AuditRow(when=format_wib(entry.created_at), actor=actor, sentence=sentence,
                    details=details)


def _object_link(entry, cooperative):
    if not entry.object_repr:
        return ""
    page = OBJECT_PAGES.get(entry.object_type)
    if page is None or entry.action.endswith(".deleted"):
        return entry.object_repr
    name, takes_pk = page
    try:
        url = reverse(name, args=[cooperative.slug, entry.object_id] if takes_pk
                      else [cooperative.slug])
    except NoReverseMatch:
        return entry.object_repr
    return format_html('<a href="{}">{}</a>', url, entry.object_repr)


def _value(value, kind, names, entry):  # noqa: PLR0911 - one branch per kind
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list) and kind not in (TIERS,):
        return join_readably([_value(v, kind, names, entry) for v in value])
    if kind == MONEY:
        return format_html("{}", _rupiah(value))
    if kind == NUMBER:
        return format_html("{}", _number(value))
    if kind == DATE:
        day = parse_date(str(value)[:10]) if isinstance(value, str) else None
        return format_html("{}", date_format(day, "j F Y") if day else value)
    if kind == DATETIME:
        moment = parse_datetime(value) if isinstance(value, str) else None
        return format_html("{}", format_wib(moment) if moment else value)
    if kind == BOOL:
        return format_html("{}", _("ya") if value else _("tidak"))
    if kind in (CHANGES, RULES):
        return _fields(value, entry, changes=kind == CHANGES)
    if kind == TIERS:
        return join_readably([format_html("≥{}: {}", _number(q), _rupiah(p))
                              for q, p in value])
    if kind == "method":
        return format_html("{}", {"cash": _("tunai"), "bank": _("transfer bank"),
                                  "sukarela": _("simpanan sukarela")}
                           .get(value, value))
    if kind == "role":
        from .roles import Role
        return format_html("{}", Role(value).label if value in Role.values else value)
    if kind == "bid":
        return format_html("#{}", value)
    if kind == "user" or kind in REFERENCES:
        return names.show(kind, value)
    return format_html("{}", value)


def _fields(value, entry, changes: bool):
    if not isinstance(value, dict):
        return format_html("{}", value)
    model = _model(entry.object_type)
    parts = []
    for name, item in value.items():
        label = name
        if model is not None:
            try:
                label = model._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                pass
        if changes and isinstance(item, list) and len(item) == 2:
            parts.append(format_html("{}: {} → {}", label, item[0] or "–", item[1] or "–"))
        elif isinstance(item, bool):
            parts.append(format_html("{}: {}", label, _("ya") if item else _("tidak")))
        elif isinstance(item, list):
            parts.append(format_html("{}: {}", label, ", ".join(map(str, item)) or "–"))
        else:
            parts.append(format_html("{}: {}", label, item))
    return format_html_join("; ", "{}", ((p,) for p in parts))


def _model(label_lower: str):
    try:
        return apps.get_model(label_lower) if label_lower else None
    except (LookupError, ValueError):
        return None


def _rupiah(value) -> str:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    locale = "en_ID" if (get_language() or "id").startswith("en") else "id_ID"
    return format_rupiah(amount, locale=locale)


def _number(value) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    number = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


class _Names:
    """Names behind the ids in a page of entries: one query per kind."""

    def __init__(self, cooperative, entries):
        self.cooperative = cooperative
        wanted: dict[str, set[int]] = {}
        for entry in entries:
            for key, value in entry.data.items():
                kind = data_key(entry.action, key)[1]
                if kind == "user" or kind in REFERENCES:
                    values = value if isinstance(value, list) else [value]
                    wanted.setdefault(kind, set()).update(
                        v for v in values if isinstance(v, int) and not isinstance(v, bool))
        self.found = {kind: self._load(kind, ids) for kind, ids in wanted.items()}

    def _load(self, kind, ids) -> dict[int, str]:
        if not ids:
            return {}
        if kind == "user":
            users = get_user_model().objects.filter(pk__in=ids)
            return {u.pk: u.get_full_name() or u.username for u in users}
        model = apps.get_model(REFERENCES[kind][0])
        rows = model.objects.filter(cooperative=self.cooperative, pk__in=ids)
        if kind == "round_item":
            rows = rows.select_related("price_list__item")
            return {r.pk: str(r.price_list.item) for r in rows}
        if kind == "price_list":
            rows = rows.select_related("supplier", "item")
        return {r.pk: str(r) for r in rows}

    def show(self, kind, value):
        if not isinstance(value, int) or isinstance(value, bool):
            return format_html("{}", value)  # a username written as text
        name = self.found.get(kind, {}).get(value)
        if name is None:
            return format_html("#{}", value)  # deleted since, or never in this cooperative
        page = REFERENCES.get(kind, (None, None))[1]
        if page is None:
            return format_html("{}", name)
        url = reverse(page, args=[self.cooperative.slug, value])
        return format_html('<a href="{}">{}</a>', url, name)
