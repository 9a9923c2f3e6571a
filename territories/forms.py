"""Admin forms of the territories app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .services import unique_collectivity_slug


class CollectivityAdminForm(WagtailAdminModelForm):
    """Edit form of a collectivity: generates the slug when left empty and checks the members
    that are about to be saved (not those stored) against the membership rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Laissez vide pour le générer à partir du nom.")

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and cleaned_data.get("name"):
            department = cleaned_data.get("department")
            cleaned_data["slug"] = unique_collectivity_slug(
                cleaned_data["name"],
                department.code if department else None,
                exclude_pk=self.instance.pk,
            )
        if "member_communes" in self.fields:
            # Read by Collectivity.clean(), which runs right after this method.
            self.instance.pending_member_communes = list(cleaned_data.get("member_communes") or [])
        return cleaned_data
