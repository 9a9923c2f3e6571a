"""The upload form of an admin CSV import page; an import that needs more (an edition, a
season…) subclasses it and adds its fields."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .reader import check_size, max_bytes


class CsvImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Fichier CSV"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("UTF-8, séparateur « ; » ou « , », %(limit)s au plus.") % {
            "limit": filesizeformat(max_bytes())
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload.size)
        return upload
