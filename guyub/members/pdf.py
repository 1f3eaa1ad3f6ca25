"""PDF documents (WeasyPrint): receipts and member statements, in Bahasa Indonesia."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    from weasyprint import HTML  # imported late: it loads native libraries

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    pdf = HTML(string=html, base_url=base_url).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
