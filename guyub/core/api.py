import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from . import services
from .api_auth import api_access, validated
from .forms import CooperativeForm
from .models import Cooperative

router = Router(tags=["cooperatives"])


class CooperativeOut(Schema):
    slug: str
    name: str
    legal_entity_number: str
    nik_koperasi: str
    coop_type: str
    province: str
    province_name: str
    regency: str
    address: str
    founded_on: dt.date | None
    fiscal_year_start_month: int
    simpanan_pokok_amount: Decimal
    simpanan_wajib_amount: Decimal
    simpanan_wajib_due_day: int
    rat_quorum: Decimal
    shu_reserve_pct: Decimal
    shu_capital_pct: Decimal
    shu_business_pct: Decimal
    shu_board_pct: Decimal
    shu_staff_pct: Decimal
    shu_education_pct: Decimal
    shu_social_pct: Decimal
    shu_area_pct: Decimal
    consignment_commission_pct: Decimal
    npwp: str
    is_pkp: bool
    ppn_rate: Decimal
    bank_name: str
    bank_account_number: str
    bank_account_holder: str
    qris_merchant_name: str
    qris_nmid: str


class CooperativePatch(Schema):
    name: str | None = None
    legal_entity_number: str | None = None
    nik_koperasi: str | None = None
    coop_type: str | None = None
    province: str | None = None
    regency: str | None = None
    address: str | None = None
    founded_on: dt.date | None = None
    fiscal_year_start_month: int | None = None
    simpanan_pokok_amount: Decimal | None = None
    simpanan_wajib_amount: Decimal | None = None
    simpanan_wajib_due_day: int | None = None
    rat_quorum: Decimal | None = None
    shu_reserve_pct: Decimal | None = None
    shu_capital_pct: Decimal | None = None
    shu_business_pct: Decimal | None = None
    shu_board_pct: Decimal | None = None
    shu_staff_pct: Decimal | None = None
    shu_education_pct: Decimal | None = None
    shu_social_pct: Decimal | None = None
    shu_area_pct: Decimal | None = None
    consignment_commission_pct: Decimal | None = None
    npwp: str | None = None
    is_pkp: bool | None = None
    ppn_rate: Decimal | None = None
    # The account buyers pay to: name, number and holder together, or all three "".
    bank_name: str | None = None
    bank_account_number: str | None = None
    bank_account_holder: str | None = None
    qris_merchant_name: str | None = None
    qris_nmid: str | None = None


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


# 413: a body past DATA_UPLOAD_MAX_MEMORY_SIZE (guyub/api.py).
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut,
          422: ErrorOut}


@router.get("", response={200: list[CooperativeOut], **ERRORS})
def list_cooperatives(request):
    """The cooperatives the caller holds a role in (a token: only its own)."""
    token = getattr(request, "api_token", None)
    if token is not None:
        return [token.cooperative]
    return list(Cooperative.objects.filter(roles__user=request.user).distinct())


@router.get("/{slug}", response={200: CooperativeOut, **ERRORS})
def get_cooperative(request, slug: str):
    with api_access(request, slug, "coop.view") as access:
        return access.cooperative


@router.patch("/{slug}", response={200: CooperativeOut, **ERRORS})
def update_cooperative(request, slug: str, payload: CooperativePatch):
    """Change the profile, by-law parameters or payment details (board). SHU percentages
    must add up to 100; a bank account is set whole (name, number, holder) or not at all."""
    with api_access(request, slug, "coop.edit") as access:
        data = validated(CooperativeForm, payload.dict(exclude_unset=True),
                         instance=access.cooperative)
        return services.update_cooperative(cooperative=access.cooperative,
                                           actor=request.user, data=data)
