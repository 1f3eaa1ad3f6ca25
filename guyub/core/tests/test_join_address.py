"""An address names each place once: "Ngaglik, Sleman", never "Ngaglik, Sleman, Sleman"."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string

import guyub
from guyub.core.regions import join_address


@pytest.mark.parametrize("parts, line", [
    (("Jl. Kaliurang Km 9,5, Ngaglik, Sleman", "Sleman", "DI Yogyakarta"),
     "Jl. Kaliurang Km 9,5, Ngaglik, Sleman, DI Yogyakarta"),
    (("Jl. Magelang 10, Kabupaten Sleman", "Sleman", "DI Yogyakarta"),
     "Jl. Magelang 10, Kabupaten Sleman, DI Yogyakarta"),
    (("Jl. Malioboro 1", "Kota Yogyakarta", "DI Yogyakarta"),
     "Jl. Malioboro 1, Kota Yogyakarta, DI Yogyakarta"),
    (("", "Bantul", "DI Yogyakarta"), "Bantul, DI Yogyakarta"),
    ((None, "sleman ", "Sleman"), "sleman"),
])
def test_each_place_is_named_once(parts, line):
    assert join_address(*parts) == line


def test_the_pdf_header_prints_the_cooperatives_address_once(coop):
    coop.address, coop.regency = "Jl. Kaliurang Km 9,5, Ngaglik, Sleman", "Sleman"
    html = render_to_string("members/pdf/_header.html", {"coop": coop})
    assert "Ngaglik, Sleman, DI Yogyakarta" in html
    assert "Sleman, Sleman" not in html


def test_no_template_joins_an_address_and_its_regency_by_hand():
    """Pages and PDFs go through {% address %} (core/regions.join_address)."""
    by_hand = re.compile(r"\.address \}\}[^\n]{0,120}\.(regency|city) \}\}")
    found = [str(path) for path in Path(guyub.__file__).parent.rglob("*.html")
             if by_hand.search(path.read_text())]
    assert found == []
