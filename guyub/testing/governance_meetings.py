"""Test worlds of the meetings package: a draft meeting (with an agenda and a PDF),
small PDFs and look-alikes, and the objects the URL walks point the meetings pages at."""

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope

from guyub.governance.meetings.models import AgendaDocument, AgendaItem, Meeting

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
# A PNG renamed .pdf: the name says PDF, the bytes do not.
NOT_PDF = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name="laporan.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def draft_meeting(cooperative, board, *, kind=Meeting.Kind.RAT,
                  items=("Laporan pertanggungjawaban pengurus",),
                  starts_in=dt.timedelta(days=30), **fields) -> Meeting:
    """A draft meeting with `items` (general items unless given as (kind, title) pairs)."""
    with scope(cooperative=cooperative):
        now = timezone.now()
        meeting = Meeting.objects.create(
            cooperative=cooperative, kind=kind,
            title=fields.pop("title", f"RAT Tahun Buku {now.year - 1}"),
            fiscal_year=fields.pop("fiscal_year",
                                   now.year - 1 if kind == Meeting.Kind.RAT else None),
            starts_at=fields.pop("starts_at", now + starts_in),
            place=fields.pop("place", "Balai Desa Sukamaju"), created_by=board, **fields)
        for position, item in enumerate(items, start=1):
            kind_, title = item if isinstance(item, tuple) else (AgendaItem.Kind.GENERAL, item)
            AgendaItem.objects.create(cooperative=cooperative, meeting=meeting,
                                      position=position, kind=kind_, title=title)
        return meeting


def document_of(meeting, title="Laporan keuangan", item=None) -> AgendaDocument:
    with scope(cooperative=meeting.cooperative):
        document = AgendaDocument(cooperative=meeting.cooperative, meeting=meeting,
                                  item=item, title=title)
        document.file.save("walk.pdf", ContentFile(PDF), save=False)
        document.save()
        return document


def meetings_walk_world(cooperative, user) -> dict:
    """A draft RAT with two agenda items and a document on the first, for the pages
    that edit a draft (and the meeting page, the document download)."""
    meeting = draft_meeting(cooperative, user,
                            items=("Laporan pengurus", "Rencana kerja tahun depan"))
    with scope(cooperative=cooperative):
        item = meeting.items.order_by("position").first()
    return {"gov_draft_meeting": meeting, "gov_draft_item": item,
            "gov_draft_document": document_of(meeting, item=item)}
