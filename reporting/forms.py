from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.models import Snapshot


class SnapshotForm(forms.ModelForm):
    """The title of a new snapshot; the service freezes the state under it."""

    class Meta:
        model = Snapshot
        fields = ["title"]
        help_texts = {"title": _('One line, e.g. "Update directeurenoverleg 24 maart".')}
