"""The two shared seams every app builds on: transition tables (core.states) and the
one bridge from a service's refusal to a form, a message or an API answer
(core.errors)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from guyub.core.errors import DomainError, add_to_form, api_answer, attempt
from guyub.core.states import Stateful, TransitionNotAllowed
from guyub.members.models import Member


class Parcel(Stateful):
    TRANSITIONS = {"packed": {"sent", "cancelled"}, "sent": {"delivered"}}

    def __init__(self, status):
        self.status = status


def test_a_move_in_the_table_changes_the_status():
    parcel = Parcel("packed")
    parcel.move_to("sent")
    assert parcel.status == "sent"
    assert parcel.allowed_moves() == {"delivered"}


def test_a_move_outside_the_table_is_refused_and_changes_nothing():
    parcel = Parcel("sent")
    with pytest.raises(TransitionNotAllowed) as refused:
        parcel.move_to("cancelled")
    assert parcel.status == "sent"
    assert (refused.value.current, refused.value.target) == ("sent", "cancelled")
    # A refused step: the API answers 409 Conflict.
    assert api_answer(refused.value)[0] == 409


def test_a_status_missing_from_the_table_is_final():
    parcel = Parcel("delivered")
    assert not parcel.can_move_to("sent")
    with pytest.raises(TransitionNotAllowed, match="Sudah diterima|delivered"):
        parcel.move_to("sent", message="Sudah diterima: tidak bisa dikirim lagi.")


def test_the_refusal_names_the_statuses_as_the_pages_do():
    class MemberStatus(Stateful):
        _meta = Member._meta  # the labels come from the model's status field
        TRANSITIONS = {Member.Status.ACTIVE: {Member.Status.EXITED}}

        def __init__(self, status):
            self.status = status

    with pytest.raises(TransitionNotAllowed) as refused:
        MemberStatus(Member.Status.EXITED).move_to(Member.Status.ACTIVE)
    message = str(refused.value.message)
    assert str(Member.Status.EXITED.label) in message
    assert str(Member.Status.ACTIVE.label) in message
    assert "exited" not in message


class NameForm(forms.Form):
    name = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_attempt_flashes_the_refusal_and_returns_none():
    def refuse():
        raise DomainError("Stok tidak cukup.")

    request = _request()
    assert attempt(request, refuse, success="Tersimpan.") is None
    assert [str(m) for m in get_messages(request)] == ["Stok tidak cukup."]


def test_attempt_flashes_success_with_the_result():
    request = _request()
    assert attempt(request, lambda: 7, success=lambda n: f"Pesanan {n} dibuat.") == 7
    assert [str(m) for m in get_messages(request)] == ["Pesanan 7 dibuat."]


def test_a_refusal_lands_on_its_field_or_on_top_of_the_form():
    form = NameForm(data={"name": "x"})
    assert form.is_valid()
    add_to_form(form, DomainError("Nama sudah dipakai.", field="name"))
    add_to_form(form, DomainError("Koperasi ditutup.", field="not_on_this_form"))
    assert form.errors["name"] == ["Nama sudah dipakai."]
    assert form.non_field_errors() == ["Koperasi ditutup."]


def test_the_api_answers_a_refused_value_with_its_field():
    error = DomainError("Jumlah melebihi stok.", field="quantity")
    assert api_answer(error) == (400, {"detail": "Jumlah melebihi stok.",
                                       "errors": {"quantity": ["Jumlah melebihi stok."]}})
    assert api_answer(DomainError("Tidak valid.")) == (
        400, {"detail": "Tidak valid.", "errors": {}})
    assert api_answer(DomainError("Sudah ditutup.", code="conflict"))[0] == 409
