"""The project's form renderer (settings.FORM_RENDERER): every form goes through it.

Django offers "---------" as the empty choice of every menu; people read that as a
broken page. The bound field drawn here says "Pilih <label>" instead, for every form
in the project (model forms, plain forms, menus built in __init__) without each form
having to remember.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

# Empty choices that say nothing: Django's default and the dash some menus used.
MEANINGLESS = {"---------", "—", ""}


def choose_label(label) -> str:
    """"Pilih kategori" from the label "Kategori" (an acronym such as "NIB" keeps its case)."""
    text = str(label or "").strip().rstrip(":")
    if len(text) > 1 and text[1].islower():
        text = text[0].lower() + text[1:]
    return _("Pilih %(label)s") % {"label": text} if text else _("Pilih salah satu")


class ChoosingBoundField(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        self._name_the_empty_choice(widget)
        return super().as_widget(widget, attrs, only_initial)

    def _name_the_empty_choice(self, widget) -> None:
        if getattr(widget, "allow_multiple_selected", False):
            return
        label = choose_label(self.label)
        if getattr(self.field, "empty_label", None) in MEANINGLESS - {""}:
            self.field.empty_label = label  # ModelChoiceField: read when the menu is drawn
            return
        choices = getattr(widget, "choices", None)
        if choices is None or getattr(self.field, "queryset", None) is not None:
            return
        choices = list(choices)
        if any(value == "" and str(text) in MEANINGLESS for value, text in choices):
            widget.choices = [("", label) if value == "" and str(text) in MEANINGLESS
                              else (value, text) for value, text in choices]


class GuyubFormRenderer(DjangoTemplates):
    bound_field_class = ChoosingBoundField
