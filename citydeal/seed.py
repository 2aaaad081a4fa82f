"""Loading the programme document's data and creating the demo accounts.

The seed goes into an empty portal only: once the programme exists, its rows belong to
the people who edit them, and loading the seed again changes nothing (a redeploy that
runs ``load_seed`` never undoes an edit). Starting over is an explicit reset, which
empties the database and is refused outside development (``DEBUG`` off).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction

from accounts.models import Role, User
from citydeal.historical import SEED_REASON, history_catch_up, history_paused
from teams.constants import PROGRAMME_SLUG

SEED_FIXTURES = [
    "cdor_01_programme",
    "cdor_02_cases",
    "cdor_03_activities",
    "cdor_04_budgets",
    "cdor_05_partners",
    "cdor_06_events",
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    team_numbers: tuple[int, ...] = ()
    case_slugs: tuple[str, ...] = ()
    # The functional admin works in the admin through its role's permissions
    # (accounts.role_permissions): staff, never a superuser.
    staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("kernteam1", "Kim", "Kernteam", (Role.CORE_TEAM,)),
    DemoAccount("kernteam2", "Kees", "Kernteam", (Role.CORE_TEAM,)),
    *(
        DemoAccount(f"trekker{n}", "Trekker", f"OT{n}", (Role.TEAM_LEAD,), team_numbers=(n,))
        for n in range(1, 7)
    ),
    DemoAccount(
        "casus-dordrecht",
        "Casuseigenaar",
        "Dordrecht",
        (Role.CASE_OWNER,),
        case_slugs=("dordtse-buurtaanpak-componistenbuurt",),
    ),
    DemoAccount(
        "casus-zoetermeer",
        "Casuseigenaar",
        "Zoetermeer",
        (Role.CASE_OWNER,),
        case_slugs=("datagedreven-assetmanagement-zoetermeer",),
    ),
    DemoAccount("directeur", "Dirk", "Directeur", (Role.DIRECTOR,)),
    DemoAccount("beheerder", "Beheerder", "Portaal", (Role.FUNCTIONAL_ADMIN,), staff=True),
]


def ensure_role_groups() -> dict[Role, Group]:
    """Create the role groups if they are missing, with their admin permissions
    (accounts.role_permissions); return them by role."""
    from accounts.role_permissions import role_groups_ensure

    return role_groups_ensure()


class ResetRefused(Exception):
    """A reset of the database was asked for outside development."""


def programme_exists() -> bool:
    """Whether the programme of the document is in the database (then the seed stays out)."""
    from teams.models import Programme

    return Programme.objects.filter(slug=PROGRAMME_SLUG).exists()


@transaction.atomic
def seed_load() -> bool:
    """Load the whole programme document as data, into a portal without the programme.

    Returns True when it loaded, False when the programme was already there: then no
    row is written, whatever was edited since. Fixtures are saved raw, so their history
    is written afterwards: one "taken over from the plan" record per row.
    """
    ensure_role_groups()
    if programme_exists():
        return False
    with history_paused():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    history_catch_up(reason=SEED_REASON)
    return True


def database_reset() -> None:
    """Empty every table (data and accounts), to load the seed anew. Development only.

    Raises ResetRefused when DEBUG is off: on a real portal it would destroy live data.
    """
    if not settings.DEBUG:
        raise ResetRefused(
            "DEBUG is off: --reset would delete all data of a live portal and is refused. "
            "Nothing was changed."
        )
    call_command("flush", interactive=False, verbosity=0)


def _require_all(queryset, expected: int, username: str) -> None:
    if queryset.count() != expected:
        raise ImproperlyConfigured(
            f"Demo account {username}: {queryset.model._meta.verbose_name_plural} missing "
            "from the seed data; run load_seed first."
        )


@transaction.atomic
def demo_accounts_create(*, password: str | None = None) -> list[User]:
    """Create the demo accounts that are missing, with their roles, teams and cases.

    An account that exists is left as it is (its password, roles and name may have been
    changed on purpose). Returns the accounts created.
    """
    from cases.models import Case
    from teams.models import Team

    password = password or settings.DEMO_PASSWORD
    groups = ensure_role_groups()
    existing = set(
        User.objects.filter(
            username__in=[account.username for account in DEMO_ACCOUNTS]
        ).values_list("username", flat=True)
    )
    users = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        user = User(username=account.username)
        user.first_name = account.first_name
        user.last_name = account.last_name
        user.email = f"{account.username}@example.org"
        user.is_active = True
        user.is_staff = account.staff
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set([groups[role] for role in account.roles])
        if account.team_numbers:
            teams = Team.objects.filter(
                programme__slug=PROGRAMME_SLUG, number__in=account.team_numbers
            )
            _require_all(teams, len(account.team_numbers), account.username)
            user.led_teams.set(teams)
        if account.case_slugs:
            cases = Case.objects.filter(programme__slug=PROGRAMME_SLUG, slug__in=account.case_slugs)
            _require_all(cases, len(account.case_slugs), account.username)
            user.owned_cases.set(cases)
        users.append(user)
    return users
