"""The preferences form: language, WhatsApp number, and per topic the external
channels (the inbox is always on: it is the record of what the platform said)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .phones import e164
from .selectors import EXTERNAL, chosen_channels
from .topics import all_topics

CHANNEL_NAMES = {"email": _("Email"), "whatsapp": _("WhatsApp")}


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Bahasa pemberitahuan"), choices=settings.LANGUAGES)
    whatsapp = forms.CharField(
        label=_("Nomor WhatsApp"), required=False, max_length=20,
        help_text=_("Misalnya 0812 3456 7890. Kosongkan untuk memakai nomor telepon "
                    "di data keanggotaan Anda."))

    def __init__(self, *args, prefs, **kwargs):
        initial = {"language": prefs.language, "whatsapp": prefs.whatsapp}
        for key, declared in all_topics().items():
            initial[self.topic_field(key)] = sorted(chosen_channels(prefs, declared))
        super().__init__(*args, initial=initial, **kwargs)
        for key, declared in all_topics().items():
            self.fields[self.topic_field(key)] = forms.MultipleChoiceField(
                label=declared.title, required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(c, CHANNEL_NAMES[c]) for c in EXTERNAL])

    @staticmethod
    def topic_field(key: str) -> str:
        return "topic__" + key.replace(".", "__")

    def topic_fields(self):
        return [self[self.topic_field(key)] for key in all_topics()]

    def clean_whatsapp(self):
        number = self.cleaned_data["whatsapp"].strip()
        if number and not e164(number):
            raise forms.ValidationError(
                _("Bukan nomor telepon: tulis misalnya 0812 3456 7890 atau +62 812 3456 7890."))
        return number

    def channels(self) -> dict[str, list[str]]:
        return {key: self.cleaned_data[self.topic_field(key)] for key in all_topics()}
