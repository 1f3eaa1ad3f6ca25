"""Illustrations for demo products, drawn with Pillow at set-up (nothing downloaded).

They are honest placeholders, not photographs: a plain motif for the product's kind,
its name, and the words "Ilustrasi, bukan foto produk" along the bottom. The demo
stores them through the same service as a member's upload, so the storefront shows
them exactly as it would show real photos.
"""

import io
import textwrap
import zlib

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

SIZE = 640
# Calm, print-like colours per kind of product: (background, motif, text).
PALETTES = {
    "kopi": ("#f3e9dc", "#6f4e37", "#3b2a1e"),
    "batik": ("#efe6d2", "#7a4b2a", "#2f2a24"),
    "makanan": ("#fdf1d6", "#c7822b", "#4a3210"),
    "kerajinan": ("#eee7dc", "#9c5b2e", "#3a2b1f"),
    "fesyen": ("#e9eef0", "#3f6e74", "#1f3134"),
}
DEFAULT_PALETTE = ("#eef2f0", "#2f6f4f", "#1c2a23")
NOTICE = "Ilustrasi, bukan foto produk"


def _kind(category: str) -> str:
    lowered = category.lower()
    for kind in PALETTES:
        if kind in lowered:
            return kind
    return "makanan" if "camilan" in lowered or "ringan" in lowered else ""


def _font(size: int):
    return ImageFont.load_default(size=size)


def _motif(draw: ImageDraw.ImageDraw, kind: str, colour: str, seed: int) -> None:
    """A simple shape for the kind of product, in the upper half."""
    cx, cy = SIZE // 2, 210
    if kind == "kopi":  # a cup with steam
        draw.rounded_rectangle((cx - 90, cy - 40, cx + 70, cy + 90), 28, fill=colour)
        draw.arc((cx + 40, cy - 10, cx + 120, cy + 60), -90, 90, fill=colour, width=18)
        for dx in (-50, -5, 40):
            draw.arc((cx + dx - 15, cy - 120, cx + dx + 15, cy - 60), 100, 260, fill=colour,
                     width=8)
    elif kind == "batik":  # a kawung pattern: four ovals around a dot, repeated
        for gx in range(-2, 3):
            for gy in range(-1, 2):
                x, y = cx + gx * 80, cy + gy * 80
                for ox, oy in ((-22, 0), (22, 0), (0, -22), (0, 22)):
                    w, h = (18, 30) if ox == 0 else (30, 18)
                    draw.ellipse((x + ox - w, y + oy - h, x + ox + w, y + oy + h),
                                 outline=colour, width=5)
    elif kind == "makanan":  # a gift box with a ribbon
        draw.rectangle((cx - 110, cy - 60, cx + 110, cy + 100), fill=colour)
        draw.rectangle((cx - 125, cy - 95, cx + 125, cy - 55), fill=colour)
        draw.rectangle((cx - 14, cy - 95, cx + 14, cy + 100), fill="#ffffff")
    elif kind == "kerajinan":  # a vase
        draw.ellipse((cx - 100, cy - 40, cx + 100, cy + 110), fill=colour)
        draw.rectangle((cx - 35, cy - 110, cx + 35, cy - 20), fill=colour)
        draw.rectangle((cx - 55, cy - 125, cx + 55, cy - 100), fill=colour)
    elif kind == "fesyen":  # a bag
        draw.rounded_rectangle((cx - 110, cy - 40, cx + 110, cy + 110), 24, fill=colour)
        draw.arc((cx - 70, cy - 120, cx + 70, cy + 20), 180, 360, fill=colour, width=16)
    else:  # dots, placed by the name so two products differ
        for i in range(7):
            r = 20 + (seed >> i) % 30
            x, y = cx - 180 + i * 60, cy + ((seed >> (2 * i)) % 120) - 60
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def illustration(name: str, category: str = "") -> ContentFile:
    """A PNG for a product called `name`, named after it, ready for add_photo."""
    background, motif, ink = PALETTES.get(_kind(category), DEFAULT_PALETTE)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    _motif(draw, _kind(category), motif, zlib.crc32(name.encode()))
    lines = textwrap.wrap(name, width=22)[:3]
    title = _font(40)
    y = 380
    for line in lines:
        width = draw.textlength(line, font=title)
        draw.text(((SIZE - width) / 2, y), line, fill=ink, font=title)
        y += 50
    notice = _font(22)
    width = draw.textlength(NOTICE, font=notice)
    draw.text(((SIZE - width) / 2, SIZE - 48), NOTICE, fill=ink, font=notice)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")[:60]
    return ContentFile(out.getvalue(), name=f"ilustrasi-{slug}.png")
