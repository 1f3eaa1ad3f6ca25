"""Indonesia's provinces with their BPS/Kemendagri codes.

The two-digit code is also the first part of a NIK, so the NIK validator uses it
to reject numbers that cannot belong to any province.
"""

PROVINCES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua Barat",
    "92": "Papua Barat Daya",
    "94": "Papua",
    "95": "Papua Selatan",
    "96": "Papua Tengah",
    "97": "Papua Pegunungan",
}

PROVINCE_CHOICES = sorted(PROVINCES.items(), key=lambda item: item[1])


def province_code(value: str) -> str | None:
    """Accept a province code or its name (any case), as spreadsheets carry either."""
    value = (value or "").strip()
    if value in PROVINCES:
        return value
    lowered = value.lower()
    for code, name in PROVINCES.items():
        if name.lower() == lowered:
            return code
    return None


# A regency written with or without its prefix is the same place ("Kabupaten Sleman",
# "Kab. Sleman", "Sleman"); a city keeps "Kota" (Kota Yogyakarta is not the province).
_REGENCY_PREFIXES = ("kabupaten ", "kab. ", "kab ")


def _place_key(part: str) -> str:
    key = " ".join(part.lower().split())
    for prefix in _REGENCY_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def join_address(*parts) -> str:
    """One line from a street address, district, regency, province...: each place once.

    A cooperative's address often already ends with its district and regency
    ("Jl. Kaliurang Km 9,5, Ngaglik, Sleman"); joined with the regency field it read
    "Ngaglik, Sleman, Sleman". Commas inside a part are kept as separate places so a
    repeat is found wherever it is written; empty parts are skipped.
    """
    seen, kept = set(), []
    for part in parts:
        for piece in str(part or "").split(", "):
            piece = piece.strip().strip(",").strip()
            key = _place_key(piece)
            if piece and key not in seen:
                seen.add(key)
                kept.append(piece)
    return ", ".join(kept)
