"""Site-wide settings of the Django admin: the functional admin's workplace."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("CDOR portal administration")
admin.site.site_title = _("CDOR portal administration")
admin.site.index_title = _("Users, roles and reference data")
# The same mark as format_euro uses for an unknown amount.
admin.site.empty_value_display = "—"
