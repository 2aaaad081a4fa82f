"""What a benchmark run measures: the pages, the API lists, the bare reference view and
the list queries whose plans are checked, each with the demo account that reads it."""

from dataclasses import dataclass

BARE_PATH = "/bench/bare/spending-requests/"


@dataclass(frozen=True)
class Target:
    account: str
    path: str
    kind: str  # "page", "api" or "bare"

    @property
    def key(self) -> str:
        return f"{self.path} ({self.account})"


def _api(resource: str) -> Target:
    return Target("kernteam1", f"/api/v1/{resource}/", "api")


PAGES = [
    Target("directeur", "/", "page"),
    Target("directeur", "/dashboard/", "page"),
    Target("directeur", "/teams/", "page"),
    Target("directeur", "/teams/1/", "page"),
    Target("trekker5", "/teams/5/", "page"),
    Target("directeur", "/teams/1/activities/", "page"),
    Target("directeur", "/teams/1/changes/", "page"),
    Target("directeur", "/cases/", "page"),
    Target("directeur", "/partners/", "page"),
    Target("directeur", "/partners/organisations/", "page"),
    # Deltares: the 17th organisation of the seed's fixture, its key on a seeded database.
    Target("directeur", "/partners/organisations/17/", "page"),
    Target("directeur", "/partners/search/?q=or", "page"),
    Target("kernteam1", "/spending/", "page"),
    Target("trekker1", "/spending/mine/", "page"),
    Target("kernteam1", "/spending/budget/", "page"),
    Target("kernteam1", "/decisions/", "page"),
    Target("directeur", "/events/", "page"),
    Target("directeur", "/planning/", "page"),
    Target("trekker1", "/teams/1/planning/import/", "page"),
    Target("casus-dordrecht", "/agenda/", "page"),
    Target("directeur", "/agenda/", "page"),
    # The directors' update: the snapshots and what changed since the last one (the
    # seed's snapshot, taken by run.py) up to now.
    Target("kernteam1", "/dashboard/snapshots/", "page"),
    Target("directeur", "/dashboard/changes/", "page"),
    # The workshop forms that need no row of their own; a slot's, booking's and request's
    # pages depend on the demo's workshops and are pinned in tests/performance.
    Target("trekker5", "/workshops/new/", "page"),
    Target("casus-dordrecht", "/workshops/help/new/", "page"),
]

# Every list of citydeal/api_urls.py's router.
API_LISTS = [
    _api(resource)
    for resource in [
        "teams",
        "goals",
        "activities",
        "budget-periods",
        "budget-lines",
        "budget-spaces",
        "spending-requests",
        "decisions",
        "cases",
        "organisations",
        "contacts",
        "related-programmes",
        "events",
        "workshop-slots",
        "bookings",
        "snapshots",
    ]
]

# The same 50 rows as /api/v1/spending-requests/, with values() and JsonResponse.
BARE = Target("kernteam1", BARE_PATH, "bare")

ALL = [*PAGES, *API_LISTS, BARE]
ACCOUNTS = sorted({target.account for target in ALL})


@dataclass(frozen=True)
class PlanCheck:
    """A list query whose plan is checked: the slowest query on ``model``'s table that
    reading ``target`` runs."""

    label: str
    target: Target
    model: str  # app_label.ModelName


def _find(path: str, account: str) -> Target:
    return next(t for t in ALL if t.path == path and t.account == account)


PLAN_CHECKS = [
    PlanCheck(
        "spending requests, API order",
        _find("/api/v1/spending-requests/", "kernteam1"),
        "spending.SpendingRequest",
    ),
    PlanCheck(
        "spending requests, page order",
        _find("/spending/", "kernteam1"),
        "spending.SpendingRequest",
    ),
    PlanCheck(
        "spending requests of a team lead",
        _find("/spending/mine/", "trekker1"),
        "spending.SpendingRequest",
    ),
    PlanCheck("activities of a team", _find("/teams/1/", "directeur"), "activities.Activity"),
    PlanCheck(
        "activities of a team, paged",
        _find("/teams/1/activities/", "directeur"),
        "activities.Activity",
    ),
    PlanCheck(
        "activities, API order", _find("/api/v1/activities/", "kernteam1"), "activities.Activity"
    ),
    PlanCheck("cases", _find("/cases/", "directeur"), "cases.Case"),
    PlanCheck("related programmes", _find("/partners/", "directeur"), "partners.RelatedProgramme"),
    PlanCheck("events on the overview", _find("/", "directeur"), "events.Event"),
    PlanCheck("events, list page", _find("/events/", "directeur"), "events.Event"),
    PlanCheck("events, API order", _find("/api/v1/events/", "kernteam1"), "events.Event"),
    PlanCheck("decisions", _find("/decisions/", "kernteam1"), "budgets.Decision"),
]

# Tables whose size the report shows for each scale.
COUNTED_MODELS = [
    "activities.Activity",
    "teams.Goal",
    "cases.Case",
    "events.Event",
    "partners.RelatedProgramme",
    "partners.Organisation",
    "partners.Contact",
    "budgets.Decision",
    "spending.SpendingRequest",
    "spending.SpendingTransition",
]
