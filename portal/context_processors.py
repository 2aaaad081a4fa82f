"""The navigation every page shows, fitted to the user's role.

Everything is computed lazily: a page that does not render the navigation (the
admin, an error page) runs no query for it.
"""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from citydeal.roles import Role
from citydeal.verdicts import is_case_owner, is_team_lead, linked
from reporting.permissions import can_view_dashboard
from spending.permissions import can_view_spending_pages, can_view_spending_queue
from spending.selectors import SpendingInbox, spending_inbox


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool = False


# (url name, label, url names that count as "this section")
_MAIN = [
    ("overview", _("Overview"), {"overview"}),
    (
        "agenda",
        _("Who helps when"),
        {
            "agenda",
            "workshop-slot-detail",
            "workshop-slot-create",
            "workshop-slot-edit",
            "workshop-slot-cancel",
            "booking-request",
            "booking-detail",
            "help-request-create",
            "help-request-detail",
            "help-request-answer",
        },
    ),
    ("team-list", _("Teams"), {"team-list", "team-detail"}),
    ("planning", _("Planning"), {"planning"}),
    ("case-list", _("Cases"), {"case-list", "case-detail"}),
    (
        "partner-list",
        _("Partners"),
        {
            "partner-list",
            "related-programme-detail",
            "organisation-list",
            "organisation-detail",
            "partner-search",
        },
    ),
]
# Spending: the queue for those who may see it (the core team and directors), the own
# requests for the others who may see the spending pages (team leads); not shown to
# other roles. The rules look at the roles alone, so the link costs no query; the counts
# in its label (``spending_inbox``) one, for the core team and team leads only.
_SPENDING_SECTION = {
    "spending-queue",
    "spending-mine",
    "spending-create",
    "spending-budget",
    "spending-detail",
    "spending-edit",
}


def spending_label(inbox: SpendingInbox) -> str:
    """The spending link with what waits for the user in words ("Spending (3 waiting)"),
    so that a screen reader says it too: no badge whose meaning is only its colour."""
    counts = []
    if inbox.waiting:
        counts.append(
            ngettext("%(count)s waiting", "%(count)s waiting", inbox.waiting)
            % {"count": inbox.waiting}
        )
    if inbox.returned:
        counts.append(
            ngettext("%(count)s returned", "%(count)s returned", inbox.returned)
            % {"count": inbox.returned}
        )
    if not counts:
        return gettext("Spending")
    return gettext("Spending (%(counts)s)") % {"counts": ", ".join(counts)}


# The directors' update: the dashboard and, for who may see it, its snapshots.
_DASHBOARD_SECTION = {
    "dashboard",
    "dashboard-report",
    "snapshot-list",
    "snapshot-changes",
    "dashboard-changes",
}


class Navigation:
    """The links of the page header for one request."""

    def __init__(self, request):
        self.request = request
        self.user = request.user
        match = getattr(request, "resolver_match", None)
        self.url_name = match.url_name if match else None

    @property
    def authenticated(self) -> bool:
        return self.user.is_authenticated

    @cached_property
    def main(self) -> list[NavItem]:
        if not self.authenticated:
            return []
        items = [
            NavItem(label=label, url=reverse(name), current=self.url_name in section)
            for name, label, section in _MAIN
        ]
        if can_view_dashboard(self.user):
            current = self.url_name in _DASHBOARD_SECTION
            items.insert(
                0, NavItem(label=_("Dashboard"), url=reverse("dashboard"), current=current)
            )
        if self.may_see_queue:
            spending = "spending-queue"
        elif can_view_spending_pages(self.user):
            spending = "spending-mine"
        else:
            return items
        current = self.url_name in _SPENDING_SECTION
        label = spending_label(spending_inbox(self.user))
        return [*items, NavItem(label=label, url=reverse(spending), current=current)]

    @cached_property
    def may_see_queue(self) -> bool:
        """The approval queue's link (menu and the spending pages' sub-navigation)."""
        return bool(can_view_spending_queue(self.user))

    def _is_current(self, url: str) -> bool:
        return self.request.path == url

    @cached_property
    def my_teams(self) -> list[NavItem]:
        """'My team' links: only for team leads, to the teams they lead."""
        if not is_team_lead(self.user):
            return []
        items = []
        for team in sorted(linked(self.user, "led_teams"), key=lambda team: team.number):
            url = reverse("team-detail", kwargs={"number": team.number})
            items.append(NavItem(label=str(team), url=url, current=self._is_current(url)))
        return items

    @cached_property
    def my_cases(self) -> list[NavItem]:
        """'My case' links: only for case owners, to the cases they own."""
        if not is_case_owner(self.user):
            return []
        items = []
        for case in sorted(linked(self.user, "owned_cases"), key=lambda case: case.title):
            url = reverse("case-detail", kwargs={"slug": case.slug})
            items.append(NavItem(label=case.title, url=url, current=self._is_current(url)))
        return items

    @cached_property
    def admin_url(self) -> str | None:
        """The Django admin, for staff and superusers (the functional admin)."""
        if self.user.is_authenticated and self.user.is_active and self.user.is_staff:
            return reverse("admin:index")
        return None

    @cached_property
    def role_names(self) -> list[str]:
        """The user's roles, to show next to the name."""
        if not self.user.is_authenticated:
            return []
        return [str(role.label) for role in Role if self.user.has_role(role)]


def navigation(request) -> dict:
    return {"navigation": Navigation(request)}
