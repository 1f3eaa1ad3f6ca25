"""Catalog rows for the storefront tests, created the short way (inside the scope)."""

from decimal import Decimal

from django_scopes import scope

from guyub.catalog.models import Bundle, BundleItem, Category, PriceTier, Product
from guyub.core.models import Cooperative
from guyub.sales.models import Buyer
from guyub.sales.orders import services as ordering
from guyub.testing.factories import MemberFactory


def category(coop, name="Kopi", **kwargs) -> Category:
    with scope(cooperative=coop):
        return Category.objects.get_or_create(cooperative=coop, name=name, defaults=kwargs)[0]


def product(coop, name, *, member=None, price=50_000, stock=10, cat=None, **kwargs) -> Product:
    member = member or MemberFactory(cooperative=coop)
    cat = cat or category(coop)
    kwargs.setdefault("status", Product.Status.APPROVED)
    kwargs.setdefault("net_weight_grams", 250)
    with scope(cooperative=coop):
        return Product.objects.create(cooperative=coop, member=member, name=name,
                                      category=cat, price=Decimal(price), stock=stock, **kwargs)


def tiers(coop, item, *pairs) -> None:
    with scope(cooperative=coop):
        for min_qty, price in pairs:
            PriceTier.objects.create(cooperative=coop, product=item, min_qty=min_qty,
                                     price=Decimal(price))


def bundle(coop, name, price, components, **kwargs) -> Bundle:
    """components: (product, quantity per bundle, agreed price)."""
    with scope(cooperative=coop):
        made = Bundle.objects.create(cooperative=coop, name=name, price=Decimal(price),
                                     **kwargs)
        for item, quantity, agreed in components:
            BundleItem.objects.create(cooperative=coop, bundle=made, product=item,
                                      quantity=quantity, agreed_price=Decimal(agreed))
        return made


def reload(model, obj):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        return model.objects.get(pk=obj.pk)


def put_in_cart(client, coop, kind, pk, quantity):
    """Set a cart line in the session the way the pages keep it, skipping their checks."""
    session = client.session  # the test client creates the session and its cookie
    cart = dict(session.get(f"cart:{coop.pk}", {}))
    cart[f"{kind}:{pk}"] = quantity
    session[f"cart:{coop.pk}"] = cart
    session.save()


def batik_order(coop, **coop_changes):
    """An order of Rp1.250.000 (two batik cloths by Batik Sekar) for Rina in Denpasar,
    placed and not paid yet; `coop_changes` first update the cooperative (PKP, bank)."""
    if coop_changes:
        Cooperative.objects.filter(pk=coop.pk).update(**coop_changes)
        coop.refresh_from_db()
    maker = MemberFactory(cooperative=coop, business_name="Batik Sekar")
    batik = product(coop, "Kain Batik Tulis Parang", member=maker, price=625_000, stock=5)
    with scope(cooperative=coop):
        buyer = Buyer.objects.create(cooperative=coop, name="Rina Wulandari",
                                     company="Galeri Rina", email="rina@contoh.id",
                                     phone="+6281222334455")
        return ordering.place_order(cooperative=coop, buyer=buyer, city="Denpasar",
                                    province="51", address="Jl. Sunset Road 8",
                                    items=[ordering.Item("product", batik.pk, 2)]).order
