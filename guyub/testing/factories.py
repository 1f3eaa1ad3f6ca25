"""Test factories: realistic Indonesian data (Faker id_ID), created outside tenant scope."""

import datetime as dt
import random
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from factory.django import DjangoModelFactory

from guyub.core.models import Cooperative, CoopRole
from guyub.members.models import Member, Sector

factory.Faker._DEFAULT_LOCALE = "id_ID"


class ScopeFreeFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def valid_nik(n: int) -> str:
    """A NIK that passes validation: Sleman, a real birth date, serial n."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=(n * 37) % 15000)
    return f"340401{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{(n % 9999) + 1:04d}"


class CooperativeFactory(ScopeFreeFactory):
    class Meta:
        model = Cooperative

    name = factory.Sequence(lambda n: f"Koperasi Produsen Sejahtera {n}")
    slug = factory.Sequence(lambda n: f"kop-{n}")
    coop_type = Cooperative.Type.PRODUCER
    # Tests post entries dated in the past (members joined 2024-01-15); the ledger
    # refuses dates before the founding, as it would for a real cooperative.
    founded_on = dt.date(2015, 1, 1)
    province = "34"
    regency = "Sleman"


class UserFactory(ScopeFreeFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@contoh.id")
    email = factory.LazyAttribute(lambda u: u.username)
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CoopRoleFactory(ScopeFreeFactory):
    class Meta:
        model = CoopRole

    user = factory.SubFactory(UserFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    role = "board"


class MemberFactory(ScopeFreeFactory):
    class Meta:
        model = Member

    cooperative = factory.SubFactory(CooperativeFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = Member.Status.ACTIVE
    owner_name = factory.Faker("name")
    nik = factory.Sequence(valid_nik)
    business_name = factory.LazyAttribute(lambda m: f"Usaha {m.owner_name.split()[0]}")
    phone = factory.Sequence(lambda n: f"+62812{n:08d}")
    province = "34"
    regency = "Sleman"
    sector = factory.LazyFunction(lambda: random.choice(Sector.values))
    workers = 3
    business_capital = Decimal("50000000")
    annual_sales = Decimal("300000000")
    join_date = dt.date(2024, 1, 15)
