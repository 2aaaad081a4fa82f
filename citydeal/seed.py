"""Loading the programme document's data and creating the demo accounts.

The seed goes into an empty portal only: once the programme exists, its rows belong to
the people who edit them, and loading the seed again changes nothing (a redeploy that
runs ``load_seed`` never undoes an edit). Starting over is an explicit reset, which
empties the database and is refused outside development (``DEBUG`` off).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from citydeal.historical import SEED_REASON, history_catch_up, history_paused
from citydeal.plan_readings import plan_readings_record
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
    is written afterwards: one "taken over from the plan" record per row. The portal's
    readings of the plan (``citydeal.plan_readings``) come with them.
    """
    ensure_role_groups()
    if programme_exists():
        return False
    with history_paused():
        call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    history_catch_up(reason=SEED_REASON)
    plan_readings_record()
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


# -- demo workshops ------------------------------------------------------------------------

# Every demo workshop's description starts with this: the slots are examples for the demo,
# not part of the plans' own data.
DEMO_WORKSHOP_MARK = "Voorbeeldworkshop (demo)"


@dataclass(frozen=True)
class DemoWorkshop:
    title: str
    topic: str
    description: str
    weeks: int  # in the week this many weeks from today
    weekday: int  # 0 Monday .. 4 Friday
    hour: int  # start, Europe/Amsterdam; it lasts two hours
    location: str
    capacity: int = 3
    goal: str = ""  # the letter of the team's goal it serves, if any


# Two or three per team, drawn from each team's goals and activities in the plans.
DEMO_WORKSHOPS: dict[int, tuple[DemoWorkshop, ...]] = {
    1: (
        DemoWorkshop(
            "Afwegingsinstrumenten voor de openbare ruimte",
            "instrumenten",
            "Welke afwegingsinstrumenten bestaan er, en hoe zet je ze in je eigen casus in?",
            1,
            1,
            10,
            "Online (Teams)",
            goal="A",
        ),
        DemoWorkshop(
            "Bodembiodiversiteit meten: de proef met de index",
            "bodem",
            "De bodem-biodiversiteitsindex in de praktijk: wat meet je, en wat doe je ermee?",
            4,
            3,
            14,
            "Utrecht, Stadskantoor",
            goal="C",
        ),
        DemoWorkshop(
            "Sociale opgaven en de openbare ruimte",
            "sociaal",
            "Hoe sociale opgaven in de wijk doorwerken in het ontwerp en beheer van de straat.",
            7,
            2,
            10,
            "Online (Teams)",
            capacity=4,
            goal="D",
        ),
    ),
    2: (
        DemoWorkshop(
            "Themasessie werken met data bij integraal programmeren",
            "programmeren",
            "Van losse projecten naar één programma: welke data heb je nodig om af te stemmen?",
            2,
            2,
            13,
            "Online (Teams)",
            goal="4",
        ),
        DemoWorkshop(
            "Volwassenheidsmodel voor samenwerking",
            "samenwerken",
            "Hoe volwassen is de samenwerking tussen de afdelingen in jouw gemeente?",
            5,
            1,
            10,
            "Amersfoort, De Observant",
            goal="2",
        ),
    ),
    3: (
        DemoWorkshop(
            "Wijkgericht en integraal ontwerpen met de toolkit",
            "uitvoering",
            "Instrumenten voor een wijkgerichte aanpak toegepast op de eigen casus.",
            3,
            3,
            10,
            "Rotterdam, Timmerhuis",
            goal="b",
        ),
        DemoWorkshop(
            "Participatie bij wijkplannen",
            "participatie",
            "Bewoners vroeg betrekken bij wijkplannen: wat werkt, en wat niet?",
            6,
            1,
            14,
            "Online (Teams)",
            capacity=4,
            goal="c",
        ),
    ),
    4: (
        DemoWorkshop(
            "Maatschappelijke baten meten en verrekenen",
            "businesscase",
            "Welke baten van een investering in de openbare ruimte kun je meten, en wie betaalt?",
            2,
            3,
            10,
            "Den Haag, Ministerie van BZK",
            goal="2",
        ),
        DemoWorkshop(
            "Voorinvesteringen financieren",
            "financiering",
            "Hoe financier je een voorinvestering die pas later rendeert?",
            8,
            2,
            13,
            "Online (Teams)",
            goal="3",
        ),
    ),
    5: (
        DemoWorkshop(
            "Datagedreven assetmanagement: waar begin je?",
            "data",
            "De eerste stappen naar sturen op data in beheer en onderhoud, met voorbeelden uit "
            "de casussen.",
            2,
            1,
            10,
            "Online (Teams)",
        ),
        DemoWorkshop(
            "Informatiemodel voor de ondergrond",
            "data",
            "Bestaande standaarden en basisregistraties voor de ondergrond koppelen.",
            5,
            3,
            13,
            "Delft, Deltares",
        ),
        DemoWorkshop(
            "Werken met de wijktypenkaart",
            "data",
            "De landelijke wijktypenkaart als start voor een datagedreven wijkaanpak.",
            7,
            1,
            14,
            "Online (Teams)",
            capacity=4,
        ),
    ),
    6: (
        DemoWorkshop(
            "Knelpunten in de regelgeving uit de casussen",
            "regelgeving",
            "Welke regels zitten een integrale aanpak in de weg? We inventariseren ze samen.",
            3,
            2,
            10,
            "Online (Teams)",
        ),
        DemoWorkshop(
            "De Omgevingswet in de praktijk van beheer",
            "regelgeving",
            "Wat vraagt het stelsel van de Omgevingswet van beheer en onderhoud?",
            6,
            3,
            13,
            "Zwolle, Provinciehuis",
        ),
    ),
}

# One request in the demo, on a team other than OT5 (whose places stay free for the
# demo's journey): casus-zoetermeer asks a place in OT4's first workshop.
DEMO_REQUEST = ("casus-zoetermeer", 4, "Hoe rekenen we de baten van ons assetmanagement door?")


def _demo_start(today: datetime.date, workshop: DemoWorkshop) -> datetime.datetime:
    week = today + datetime.timedelta(weeks=workshop.weeks)
    day = week - datetime.timedelta(days=week.weekday()) + datetime.timedelta(days=workshop.weekday)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(workshop.hour)))


@transaction.atomic
def demo_workshops_create(*, today: datetime.date | None = None) -> list:
    """Publish the demo workshops, dated from ``today`` (1 to 8 weeks ahead, on weekdays in
    office hours), each by its team's demo team lead through the services.

    A team that has any workshop to come gets none: running it again, or after the slots
    were edited, changes nothing. A team whose demo lead is missing or leads it no longer
    is left out. Returns the slots published.
    """
    from teams.models import Goal, Team
    from workshops import services
    from workshops.models import WorkshopSlot
    from workshops.permissions import can_publish_slot

    today = today or timezone.localdate()
    teams = Team.objects.filter(programme__slug=PROGRAMME_SLUG, number__in=DEMO_WORKSHOPS)
    leads = {
        user.username: user
        for user in User.objects.filter(
            username__in=[f"trekker{number}" for number in DEMO_WORKSHOPS], is_active=True
        )
    }
    busy = set(
        WorkshopSlot.objects.filter(team__in=teams, end__gt=timezone.now()).values_list(
            "team_id", flat=True
        )
    )
    goals = {
        (goal.team_id, goal.letter): goal
        for goal in Goal.objects.filter(team__in=teams).exclude(letter="")
    }
    created: dict[int, list] = {}
    for team in teams.order_by("number"):
        lead = leads.get(f"trekker{team.number}")
        if team.pk in busy or lead is None or not can_publish_slot(lead, team):
            continue
        created[team.number] = []
        for workshop in DEMO_WORKSHOPS[team.number]:
            start = _demo_start(today, workshop)
            created[team.number].append(
                services.slot_create(
                    by=lead,
                    team=team,
                    title=workshop.title,
                    topic=workshop.topic,
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    location=workshop.location,
                    capacity=workshop.capacity,
                    description=f"{DEMO_WORKSHOP_MARK}. {workshop.description}",
                    goal=goals.get((team.pk, workshop.goal)),
                )
            )
    username, number, questions = DEMO_REQUEST
    owner = User.objects.filter(username=username, is_active=True).first()
    case = owner.owned_cases.order_by("pk").first() if owner is not None else None
    if created.get(number) and case is not None:
        services.booking_request(by=owner, slot=created[number][0], case=case, questions=questions)
    return [slot for slots in created.values() for slot in slots]
