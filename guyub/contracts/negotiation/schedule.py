"""The delivery schedule of a set of frozen terms (a ContractVersion's JSON), and the
allocation rule in words for the contract document. Pure: no database."""

import datetime as dt

RULE_WORDS = {
    "proportional": ("Setiap pengiriman dibagi di antara anggota yang produknya memenuhi mutu, "
                     "sebanding dengan kapasitas yang mereka nyatakan."),
    "equal": ("Setiap pengiriman dibagi sama rata di antara anggota yang produknya memenuhi "
              "mutu, sejauh kapasitas masing-masing mencukupi."),
    "rotation": ("Setiap pengiriman diberikan bergiliran: anggota yang paling jarang mendapat "
                 "pekerjaan didahulukan, sejauh kapasitasnya mencukupi."),
}
COMMON_WORDS = ("Pembagian mengikuti kelipatan (lot) dan bagian minimal per anggota yang "
                "tercantum di atas. Anggota yang tidak dapat mengirim digantikan oleh anggota "
                "cadangan dengan kapasitas tersisa, menurut aturan yang sama.")


def rows(terms: dict) -> list[tuple[int, dt.date, int]]:
    """(sequence, date, quantity) for each delivery the terms agree."""
    first = dt.date.fromisoformat(terms["first_delivery_on"])
    return [(i + 1, first + dt.timedelta(days=terms["interval_days"] * i),
             terms["quantity_per_delivery"]) for i in range(terms["deliveries"])]


def rule_in_words(rule: str) -> str:
    return f"{RULE_WORDS.get(rule, RULE_WORDS['proportional'])} {COMMON_WORDS}"
