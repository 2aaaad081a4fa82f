"""Data at N times the seed's volume, to measure the portal as it grows.

``generate_scale_data`` adds rows to a portal that holds the seed; it never changes or
deletes a row that exists. Two shapes of growth:

- the programme the pages show (the CDOR) grown over its years: N - 1 times the seed's
  goals, activities (per team, after each team's last), cases with their costs and
  owners, events, related programmes with their organisations and contacts, and core
  team decisions; 48 x N spending requests in every state, each with the trail of
  steps and field changes the services would have written; and 12 x N workshop slots
  (two per team) with their bookings in every state and their steps;
- ``programmes`` more City Deals in the same tables, each with six teams, budget
  periods, budget space and lines, and the seed's volume of everything above (48
  spending requests and 12 workshop slots each): rows the CDOR's pages and lists must
  filter out.

The figures hold as the services would keep them: on every budget line approved plus
realised stays within the line, in every year within the budget space (never leaning on
a carry-over that a later year already counts on), a realised amount is at most the
approved one and falls within the line's period, and every amount is at most its line.
Approvals are linked to a decision of the core team on the day of the approval when
one was generated in the line's period. Workshops hold as the booking services keep them:
a slot never has more confirmed (or held) cases than places, a case has one active
booking per slot and never two confirmed workshops at once, a slot that is full has its
other requests on the waiting list, and a cancelled slot has no active booking. Most
workshops lie in the programme's years (held, not held, cancelled); some lie in the weeks
after today, so the agenda has something to come.

Everything is drawn from ``random.Random(seed)`` and from what the database holds
(the next free orders, numbers, slugs and names): the same seed on the same database
gives the same rows. Rows are written with ``bulk_create``, their history records and
role changes too, dated back into the programme's years. Steps are history: no mail is
queued for them. Generated accounts cannot log in (an unusable password).
"""

import datetime
import random
import string
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role, RoleChange, RoleChangeAction, User
from activities.models import Activity, ActivityStatus, PlanningKind
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case, CaseCost, Municipality
from citydeal.historical import history_bulk_create
from citydeal.money import ZERO
from events.models import DatePrecision, Event, EventKind
from partners.models import Contact, Organisation, PartnerPosition, RelatedProgramme
from portal.scale import words
from spending.constants import COMMITTED_STATES, SpendingChangeField, SpendingState
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from spending.selectors import budget_line_figures, year_figures
from teams.constants import PROGRAMME_SLUG
from teams.models import Goal, Programme, Team
from workshops.constants import BookingState, SlotState
from workshops.models import Booking, BookingTransition, WorkshopSlot

BATCH_SIZE = 1000

# The seed's volume (fixtures/cdor_*.json), per team number where it is per team.
# tests/scale checks these against the fixtures.
SEED_GOALS = {1: 4, 2: 4, 3: 3, 4: 3, 5: 2, 6: 0}
SEED_ACTIVITIES = {1: 15, 2: 11, 3: 4, 4: 3, 5: 9, 6: 6}
SEED_RELATED_PROGRAMMES = {1: 20, 2: 4, 3: 9, 4: 12, 5: 7, 6: 6}
SEED_CASES = 15
SEED_CASE_COSTS = 28  # two years for 13 of every 15 cases, one for the other two
SEED_EVENTS = 11
SEED_DECISIONS = 2
SEED_ORGANISATIONS = 31
SEED_CONTACTS = 32
# The seed has no spending requests; at scale N the programme has 48 x N (one per
# activity of the seed, per unit of scale: 4,800 at 100x).
REQUESTS_PER_SCALE = 48
# The seed has no workshops either: per unit of scale two per team (12 per programme);
# about one in four lies in the twelve weeks after today.
WORKSHOPS_PER_SCALE = 12
UPCOMING_SHARE = 0.25

# The generated accounts: core team members, team leads per team, a case owner per cases.
CORE_TEAM_PER_RUN = 2
LEADS_PER_TEAM = {"cdor": 2, "other": 1}
CASES_PER_OWNER = 5

STATE_WEIGHTS = {
    SpendingState.DRAFT: 12,
    SpendingState.SUBMITTED: 14,
    SpendingState.RETURNED: 8,
    SpendingState.REJECTED: 8,
    SpendingState.WITHDRAWN: 5,
    SpendingState.APPROVED: 28,
    SpendingState.REALISED: 25,
}

# The smallest committed amount, and the step amounts are rounded down to.
MIN_COMMITTED = Decimal("50")
ROUND_TO = Decimal("10")


class ScaleDataRefused(Exception):
    """The data cannot be generated here (no programme to grow, a bad argument)."""


@dataclass
class ScaleReport:
    scale: int
    programmes: int
    seed: int
    added: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line: what was added and how long it took."""
        order = [
            "programmes", "teams", "budget periods", "budget spaces", "budget lines",
            "municipalities", "users", "goals", "activities", "cases", "case costs",
            "events", "decisions", "organisations", "contacts", "related programmes",
            "spending requests", "spending steps", "spending changes", "workshop slots",
            "bookings", "booking steps", "history records",
        ]  # fmt: skip
        parts = [f"{self.added[name]} {name}" for name in order if self.added[name]]
        return (
            f"Added at scale {self.scale} with {self.programmes} more programmes "
            f"(seed {self.seed}): {', '.join(parts)} in {self.seconds:.1f} s."
        )


@dataclass
class _Programme:
    """A programme being grown, and what its new rows link to."""

    programme: Programme
    teams: list[Team]
    years: tuple[int, int]
    goals: dict[int, list[Goal]] = field(default_factory=lambda: defaultdict(list))
    letters: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    leads: dict[int, list[User]] = field(default_factory=lambda: defaultdict(list))
    owners: list[User] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    activities: dict[int, list[Activity]] = field(default_factory=lambda: defaultdict(list))
    organisations: list[Organisation] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    # The first owner of each case, who asks for its workshop places.
    case_owner_ids: dict[int, int] = field(default_factory=dict)
    new: bool = False  # made by this run (its rows have no history yet)


@contextmanager
def _timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let ``bulk_create`` keep the timestamps set on the objects: the rows are dated back
    into the programme's years, where ``auto_now`` and ``auto_now_add`` would say today."""
    fields = [
        f
        for model in model_classes
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def generate_scale_data(*, scale: int, programmes: int = 0, seed: int = 1) -> ScaleReport:
    """Add ``scale`` times the seed's volume to the programme the portal shows, and
    ``programmes`` more programmes of the seed's volume; all or nothing.

    Raises ScaleDataRefused for a scale below 1, a negative number of programmes, or a
    database without the programme (load the seed first).
    """
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ScaleDataRefused(f"The scale must be a whole number of 1 or more, not {scale!r}.")
    if isinstance(programmes, bool) or not isinstance(programmes, int) or programmes < 0:
        raise ScaleDataRefused(
            f"The number of programmes must be a whole number of 0 or more, not {programmes!r}."
        )
    slug = getattr(settings, "PORTAL_PROGRAMME", PROGRAMME_SLUG)
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise ScaleDataRefused(
            f"The programme '{slug}' is not in the database: run load_seed or seed_demo first."
        )
    started = time.monotonic()
    report = ScaleReport(scale=scale, programmes=programmes, seed=seed)
    with transaction.atomic():
        _Generator(random.Random(seed), report.added).run(
            programme=programme, scale=scale, programmes=programmes
        )
    report.seconds = time.monotonic() - started
    return report


class _Generator:
    def __init__(self, rng: random.Random, added: Counter):
        self.rng = rng
        self.added = added
        # The last moment a generated row may carry: yesterday (nothing in the future).
        self.latest = timezone.localdate() - datetime.timedelta(days=1)
        self.tz = timezone.get_current_timezone()
        self.usernames = set(User.objects.values_list("username", flat=True))
        self.organisation_names = set(Organisation.objects.values_list("name", flat=True))
        self.contact_names = set(Contact.objects.values_list("name", flat=True))
        self.groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        missing = sorted(set(Role.values) - set(self.groups))
        if missing:
            raise ScaleDataRefused(
                f"The role groups {', '.join(missing)} are missing: run migrate and load_seed."
            )
        self.core: list[User] = []

    # -- the two shapes of growth --------------------------------------------------------

    def run(self, *, programme: Programme, scale: int, programmes: int) -> None:
        self.municipalities = self._municipalities()
        cdor = self._existing(programme)
        self.core = self._users(CORE_TEAM_PER_RUN, Role.CORE_TEAM, years=cdor.years)
        self._grow(cdor, volume=scale - 1, units=scale, kind="cdor")
        for _ in range(programmes):
            other = self._new_programme(years=cdor.years)
            self._grow(other, volume=1, units=1, kind="other")

    def _grow(self, ctx: _Programme, *, volume: int, units: int, kind: str) -> None:
        self._leads(ctx, LEADS_PER_TEAM[kind])
        if volume:
            self._goals(ctx, volume)
            self._partners(ctx, volume)
            self._cases(ctx, volume)
            self._activities(ctx, volume)
            self._related_programmes(ctx, volume)
            meetings = self._events(ctx, volume)
            self._decisions(ctx, meetings)
        self._spending(ctx, REQUESTS_PER_SCALE * units)
        self._workshops(ctx, WORKSHOPS_PER_SCALE * units)

    def _existing(self, programme: Programme) -> _Programme:
        periods = list(BudgetPeriod.objects.filter(programme=programme))
        years = (
            (min(p.start_year for p in periods), max(p.end_year for p in periods))
            if periods
            else (self.latest.year - 2, self.latest.year)
        )
        ctx = _Programme(
            programme=programme,
            teams=list(Team.objects.filter(programme=programme).order_by("number")),
            years=years,
        )
        for goal in Goal.objects.filter(team__programme=programme).order_by("team", "order"):
            ctx.goals[goal.team_id].append(goal)
            if goal.letter:
                ctx.letters[goal.team_id].append(goal.letter)
        ctx.cases = list(Case.objects.filter(programme=programme).order_by("pk").only("pk"))
        for case_id, user_id in (
            Case.owners.through.objects.filter(case__programme=programme)
            .order_by("-user_id")
            .values_list("case_id", "user_id")
        ):
            ctx.case_owner_ids[case_id] = user_id  # the lowest id last: the first owner
        for activity in (
            Activity.objects.filter(team__programme=programme)
            .order_by("team", "order")
            .only("pk", "team_id", "title")
        ):
            ctx.activities[activity.team_id].append(activity)
        return ctx

    def _new_programme(self, *, years: tuple[int, int]) -> _Programme:
        rng = self.rng
        taken = set(Programme.objects.values_list("slug", flat=True))
        names = set(Programme.objects.values_list("name", flat=True))
        name = self._unique(
            names, lambda: rng.choice(words.PROGRAMME_NAMES).format(Theme=self._theme().title())
        )
        names.add(name)
        slug = self._unique_slug(taken, slugify(name)[:36])
        programme = Programme(
            slug=slug,
            name=name,
            short_name="CD " + "".join(w[0] for w in name.split()[2:]).upper()[:30],
            description=f"Een tweede City Deal in hetzelfde portaal, over {self._theme()}.",
        )
        programme.save()
        self.added["programmes"] += 1
        team_names = rng.sample(words.TEAM_NAMES, 6)
        teams = Team.objects.bulk_create(
            Team(programme=programme, number=number, name=full, short_name=short)
            for number, (full, short) in enumerate(team_names, start=1)
        )
        self.added["teams"] += len(teams)
        ctx = _Programme(programme=programme, teams=teams, years=years, new=True)
        core = rng.choice(self.core)
        # The teams' history is written with their leads (_leads).
        first, last = years[0], max(years[1], years[0] + 1)
        ctx.years = (first, last)
        periods = BudgetPeriod.objects.bulk_create(
            [
                BudgetPeriod(
                    programme=programme,
                    label=str(first),
                    title=f"Activiteiten {first}",
                    start_year=first,
                    end_year=first,
                ),
                BudgetPeriod(
                    programme=programme,
                    label=f"{first + 1}-{last}",
                    title=f"Doorkijk {first + 1} - {last}",
                    start_year=first + 1,
                    end_year=last,
                ),
            ]
        )
        spaces = []
        for year in range(first, last + 1):
            low = Decimal(rng.randrange(250, 450, 25) * 1000)
            spaces.append(
                BudgetSpace(
                    programme=programme,
                    year=year,
                    amount_min=low,
                    amount_max=low + Decimal(100_000),
                    carries_over=year == first,
                )
            )
        lines = [
            BudgetLine(
                team=team,
                period=period,
                amount=Decimal(rng.randrange(0, 40) * 5000),
                main_activities=f"Hoofdactiviteiten: {self._theme()} en {self._theme()}.",
            )
            for period in periods
            for team in teams
        ]
        when = self._moment(datetime.date(first, 1, rng.randint(5, 25)))
        for obj in [*spaces, *lines]:
            obj._history_user, obj._history_date = core, when
        BudgetSpace.objects.bulk_create(spaces)
        BudgetLine.objects.bulk_create(lines)
        self.added["budget periods"] += len(periods)
        self.added["budget spaces"] += len(spaces)
        self.added["budget lines"] += len(lines)
        self._history(BudgetSpace, spaces)
        self._history(BudgetLine, lines)
        return ctx

    # -- people --------------------------------------------------------------------------

    def _person(self) -> tuple[str, str]:
        return self.rng.choice(words.FIRST_NAMES), self.rng.choice(words.SURNAMES)

    def _users(self, count: int, role: Role, *, years: tuple[int, int]) -> list[User]:
        """``count`` accounts with ``role``'s group, joined early in the programme."""
        rng = self.rng
        users = []
        for _ in range(count):
            first, last = self._person()
            base = f"{slugify(first)}.{slugify(last).replace('-', '')}"
            username = self._unique_slug(self.usernames, base, separator="")
            joined = self._moment(self._day(datetime.date(years[0], 1, 4), 60))
            user = User(
                username=username,
                first_name=first,
                last_name=last[0].upper() + last[1:],
                email=f"{username}@example.org",
                # Unusable (the "!" prefix), and the same for the same seed.
                password="!" + "".join(rng.choices(string.ascii_letters + string.digits, k=40)),
                is_active=True,
                date_joined=joined,
            )
            users.append(user)
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        group = self.groups[role.value]
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users],
            batch_size=BATCH_SIZE,
        )
        self._role_changes([(user, role, "") for user in users])
        self.added["users"] += len(users)
        return users

    def _role_changes(self, changes: list[tuple[User, Role, str]]) -> None:
        """The trail rows the role signals write for each role, team or case given."""
        with _timestamps_as_given(RoleChange):
            RoleChange.objects.bulk_create(
                [
                    RoleChange(
                        at=user.date_joined,
                        by=None,
                        user=user,
                        action=RoleChangeAction.ADDED,
                        role=role,
                        subject=subject,
                    )
                    for user, role, subject in changes
                ],
                batch_size=BATCH_SIZE,
            )

    def _leads(self, ctx: _Programme, per_team: int) -> None:
        """New team leads for every team; each team's history records its leads after."""
        new = self._users(per_team * len(ctx.teams), Role.TEAM_LEAD, years=ctx.years)
        through = Team.leads.through
        rows = []
        for index, user in enumerate(new):
            team = ctx.teams[index % len(ctx.teams)]
            ctx.leads[team.pk].append(user)
            rows.append(through(team_id=team.pk, user_id=user.pk))
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self._role_changes(
            [(user, Role.TEAM_LEAD, str(team)) for team in ctx.teams for user in ctx.leads[team.pk]]
        )
        links = list(through.objects.filter(team__in=ctx.teams).order_by("pk"))
        joined = max(user.date_joined for user in new)
        if ctx.new:
            when = joined
        else:
            # After the teams' last record (the seed's): the timeline stays in order.
            last = Team.history.filter(id__in=[team.pk for team in ctx.teams]).aggregate(
                last=Max("history_date")
            )["last"]
            when = max(joined, last + datetime.timedelta(minutes=1)) if last else joined
        core = self.rng.choice(self.core)
        for team in ctx.teams:
            team._history_user, team._history_date = core, when
        self._history(Team, ctx.teams, links={"leads": links}, update=not ctx.new)

    def _history(self, model, objs, *, links=None, update: bool = False) -> None:
        self.added["history records"] += history_bulk_create(
            model, objs, links=links, update=update, batch_size=BATCH_SIZE
        )

    # -- small helpers -------------------------------------------------------------------

    def _unique(self, taken: set[str], make, *, attempts: int = 50) -> str:
        """A value of ``make()`` not in ``taken``; after ``attempts`` a number is added."""
        for _ in range(attempts):
            value = make()
            if value not in taken:
                return value
        return self._unique_slug(taken, value, separator=" ")

    @staticmethod
    def _unique_slug(taken: set[str], base: str, *, separator: str = "-") -> str:
        """``base``, or ``base`` with the first free number (``-2``, ``-3``, ...); taken."""
        value, n = base, 1
        while value in taken:
            n += 1
            value = f"{base}{separator}{n}"
        taken.add(value)
        return value

    def _theme(self) -> str:
        return self.rng.choice(words.THEMES)

    def _fill(self, template: str, **extra) -> str:
        """``template`` with its placeholders drawn from the word lists."""
        rng = self.rng
        theme, theme2 = rng.sample(words.THEMES, 2)
        values = {
            "theme": theme,
            "theme2": theme2,
            "Theme": theme[0].upper() + theme[1:],
            "things": rng.choice(words.THINGS),
            "audience": rng.choice(words.AUDIENCES),
            "municipality": rng.choice(words.MUNICIPALITIES),
            "neighbourhood": rng.choice(words.NEIGHBOURHOODS),
            "participation": "participatie",
            **extra,
        }
        return template.format(**values)

    def _day(self, first: datetime.date, days: int) -> datetime.date:
        """A day from ``first`` to ``days`` days later, never after yesterday."""
        return min(first + datetime.timedelta(days=self.rng.randint(0, max(days, 0))), self.latest)

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        last = min(last, self.latest)
        return first if last <= first else self._day(first, (last - first).days)

    def _moment(self, day: datetime.date, hours: tuple[int, int] = (8, 17)) -> datetime.datetime:
        """A moment during office hours on ``day``, in the portal's time zone."""
        naive = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(*hours), self.rng.randrange(0, 60, 5))
        )
        return timezone.make_aware(naive, self.tz)

    def _in_years(self, ctx: _Programme) -> datetime.date:
        first, last = ctx.years
        return self._day_between(datetime.date(first, 1, 1), datetime.date(last, 12, 31))

    def _author(self, ctx: _Programme, team: Team | None = None) -> User:
        """A team lead of ``team`` (a core team member when there is none)."""
        leads = ctx.leads.get(team.pk) if team is not None else None
        return self.rng.choice(leads or self.core)

    def _created(self, obj, ctx: _Programme, by: User, day: datetime.date | None = None):
        obj._history_user = by
        obj._history_date = self._moment(day or self._in_years(ctx))
        return obj

    def _person_name(self, taken: set[str]) -> str:
        """A full name not in ``taken`` (then taken); a middle initial when they run out."""

        def make() -> str:
            first, last = self._person()
            if self.rng.random() < 0.3:
                return f"{first} {self.rng.choice(string.ascii_uppercase)}. {last}"
            return f"{first} {last}"

        name = self._unique(taken, make)
        taken.add(name)
        return name

    # -- reference data ------------------------------------------------------------------

    def _municipalities(self) -> list[Municipality]:
        """The municipalities of the word list, those missing added (names are unique)."""
        existing = set(Municipality.objects.values_list("name", flat=True))
        new = [Municipality(name=name) for name in words.MUNICIPALITIES if name not in existing]
        Municipality.objects.bulk_create(new, batch_size=BATCH_SIZE)
        self.added["municipalities"] += len(new)
        return list(Municipality.objects.filter(name__in=words.MUNICIPALITIES).order_by("name"))

    def _partners(self, ctx: _Programme, volume: int) -> None:
        """Organisations and contact persons, with unique names."""
        rng = self.rng
        core = rng.choice(self.core)
        organisations = []
        for _ in range(SEED_ORGANISATIONS * volume):
            name = self._unique(
                self.organisation_names,
                lambda: " ".join(
                    [
                        rng.choice(words.ORGANISATION_KINDS),
                        self._fill("{Theme}"),
                        rng.choice(words.MUNICIPALITIES),
                    ]
                ),
            )
            self.organisation_names.add(name)
            website = f"https://www.{slugify(name)[:50].strip('-')}.nl"
            organisations.append(self._created(Organisation(name=name, website=website), ctx, core))
        Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
        contacts = []
        for _ in range(SEED_CONTACTS * volume):
            name = self._person_name(self.contact_names)
            organisation = rng.choice(organisations) if rng.random() < 0.8 else None
            email = ""
            if organisation is not None and rng.random() < 0.7:
                local = slugify(name).replace("-", ".")
                email = f"{local}@{organisation.website.removeprefix('https://www.')}"
            contacts.append(
                self._created(Contact(name=name, organisation=organisation, email=email), ctx, core)
            )
        Contact.objects.bulk_create(contacts, batch_size=BATCH_SIZE)
        self._history(Organisation, organisations)
        self._history(Contact, contacts)
        ctx.organisations, ctx.contacts = organisations, contacts
        self.added["organisations"] += len(organisations)
        self.added["contacts"] += len(contacts)

    # -- the programme's content ---------------------------------------------------------

    def _goals(self, ctx: _Programme, volume: int) -> None:
        """Goals after each team's last, lettered as the team letters its goals."""
        last = dict(
            Goal.objects.filter(team__in=ctx.teams)
            .values_list("team")
            .annotate(last=Max("order"))
            .values_list("team", "last")
        )
        goals = []
        for team in ctx.teams:
            count = SEED_GOALS.get(team.number, 2) * volume
            letters = _next_letters(ctx.letters[team.pk], count, new_team=ctx.new)
            for offset, letter in enumerate(letters, start=1):
                title = self._fill(self.rng.choice(words.ACTIVITY_TITLES))
                goal = Goal(
                    team=team,
                    order=last.get(team.pk, 0) + offset,
                    letter=letter,
                    title=title[0].upper() + title[1:],
                    text=self._fill(self.rng.choice(words.EXPLANATIONS)),
                )
                goals.append(self._created(goal, ctx, self.rng.choice(self.core)))
                ctx.goals[team.pk].append(goal)
                if letter:
                    ctx.letters[team.pk].append(letter)
        Goal.objects.bulk_create(goals, batch_size=BATCH_SIZE)
        self._history(Goal, goals)
        self.added["goals"] += len(goals)

    def _cases(self, ctx: _Programme, volume: int) -> None:
        """Cases with their owners, teams, municipalities and costs per year."""
        rng = self.rng
        count = SEED_CASES * volume
        owners = self._users(-(-count // CASES_PER_OWNER), Role.CASE_OWNER, years=ctx.years)
        slugs = set(Case.objects.filter(programme=ctx.programme).values_list("slug", flat=True))
        numbers = dict(
            Case.objects.filter(lead_team__in=ctx.teams, table_number__isnull=False)
            .values_list("lead_team")
            .annotate(last=Max("table_number"))
            .values_list("lead_team", "last")
        )
        cases, owner_rows, team_rows, other_rows, costs = [], [], [], [], []
        for index in range(count):
            municipality = rng.choice(self.municipalities)
            title = self._fill(rng.choice(words.CASE_TITLES), municipality=municipality.name)
            lead = rng.choice(ctx.teams) if rng.random() < 0.9 else None
            table_number = None
            if lead is not None:
                table_number = numbers.get(lead.pk, 0) + 1
                numbers[lead.pk] = table_number
            case = Case(
                programme=ctx.programme,
                slug=self._unique_slug(slugs, slugify(title)[:70].strip("-")),
                title=title,
                municipality=municipality if rng.random() < 0.85 else None,
                description=self._fill(rng.choice(words.CASE_DESCRIPTIONS)),
                lead_team=lead,
                table_number=table_number,
                contact=self._person_name(set()) + f" ({municipality.name})",
            )
            author = rng.choice(self.core)
            self._created(case, ctx, author)
            cases.append(case)
            owner = owners[index // CASES_PER_OWNER]
            owner_rows.append((case, owner))
            involved = {lead} if lead is not None else set()
            involved |= set(rng.sample(ctx.teams, rng.randint(0, 1) if lead else 2))
            team_rows += [(case, team) for team in sorted(involved, key=lambda t: t.number)]
            if case.municipality is None or rng.random() < 0.15:
                others = rng.sample(self.municipalities, rng.randint(1, 3))
                other_rows += [(case, m) for m in others if m != case.municipality]
            years = 1 if index % SEED_CASES in (3, 11) else 2
            start = rng.randint(ctx.years[0], max(ctx.years[0], ctx.years[1] - years + 1))
            for year in range(start, start + years):
                amount = Decimal(rng.choice([0, 5, 10, 15, 20, 25, 30, 40, 50]) * 1000)
                cost = CaseCost(case=case, year=year, amount=amount)
                cost._history_user, cost._history_date = author, case._history_date
                costs.append(cost)
        Case.objects.bulk_create(cases, batch_size=BATCH_SIZE)
        CaseCost.objects.bulk_create(costs, batch_size=BATCH_SIZE)
        self._links(Case.owners.through, "case_id", "user_id", owner_rows)
        ctx.case_owner_ids.update((case.pk, owner.pk) for case, owner in owner_rows)
        self._links(Case.teams.through, "case_id", "team_id", team_rows)
        self._links(Case.other_municipalities.through, "case_id", "municipality_id", other_rows)
        self._role_changes([(owner, Role.CASE_OWNER, str(case)) for case, owner in owner_rows])
        self._history(Case, cases)
        self._history(CaseCost, costs)
        ctx.cases += cases
        self.added["cases"] += len(cases)
        self.added["case costs"] += len(costs)

    def _links(self, through, source: str, target: str, pairs) -> list:
        """Many-to-many rows for (object, related object) pairs, saved with their pks."""
        rows = [through(**{source: obj.pk, target: other.pk}) for obj, other in pairs]
        return through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

    def _planning(self, ctx: _Programme) -> dict:
        """A fuzzy planning as the plans write it, with what can be derived from it."""
        rng = self.rng
        first, last = ctx.years
        kind = rng.choices(
            [PlanningKind.PERIOD, PlanningKind.ONGOING, PlanningKind.FROM, PlanningKind.TBD],
            weights=[55, 15, 10, 20],
        )[0]
        if kind == PlanningKind.ONGOING:
            return {
                "planning_kind": kind,
                "planning_label": rng.choice(["doorlopend", "Doorlopend"]),
            }
        if kind == PlanningKind.FROM:
            year = rng.randint(first, last)
            return {
                "planning_kind": kind,
                "planning_label": f"Na {year}",
                "start_month": datetime.date(year + 1, 1, 1),
            }
        if kind == PlanningKind.TBD:
            if rng.random() < 0.5:
                return {"planning_kind": kind, "planning_label": rng.choice(["ntb", "n.t.b.", ""])}
            year = rng.randint(first, last)
            return {
                "planning_kind": kind,
                "planning_label": f"n.n.t.b. {year}",
                "start_month": datetime.date(year, 1, 1),
                "end_month": datetime.date(year, 12, 1),
            }
        year = rng.randint(first, last)
        style = rng.random()
        if style < 0.4:  # "najaar '21 – zomer '22"
            season, start_month, _ = rng.choice(words.SEASONS)
            end_year = year + rng.randint(0, 1)
            options = [s for s in words.SEASONS if end_year > year or s[1] >= start_month]
            end_season, _, end_month = rng.choice(options)
            label = f"{season} ’{year % 100:02d} – {end_season} ’{end_year % 100:02d}"
        else:  # "Okt '21 – Mrt '22" or "November 2021"
            start_month = rng.randint(1, 12)
            span = rng.randint(0, 10)
            end_year, end_month = (
                year + (start_month + span - 1) // 12,
                (start_month + span - 1) % 12 + 1,
            )
            if span == 0:
                label = f"{words.MONTHS_FULL[start_month - 1]} {year}"
            else:
                label = (
                    f"{words.MONTHS[start_month - 1]} ’{year % 100:02d} – "
                    f"{words.MONTHS[end_month - 1]} ’{end_year % 100:02d}"
                )
        return {
            "planning_kind": kind,
            "planning_label": label,
            "start_month": datetime.date(year, start_month, 1),
            "end_month": datetime.date(end_year, end_month, 1),
        }

    def _estimate(self) -> dict:
        """A cost estimate as the plans write it ("ca. 50-60k", "40-50k?", "ntb")."""
        rng = self.rng
        style = rng.choices(["range", "doubt", "fixed", "unknown"], weights=[35, 15, 20, 30])[0]
        if style in ("range", "doubt"):
            low = rng.randrange(5, 80, 5)
            high = low + rng.choice([5, 10, 20])
            text = f"ca. {low}-{high}k" if style == "range" else f"{low}-{high}k?"
            return {
                "estimate_text": text,
                "estimate_min": Decimal(low * 1000),
                "estimate_max": Decimal(high * 1000),
                "estimate_doubtful": style == "doubt",
            }
        if style == "fixed":
            amount = rng.randrange(1, 60) * 1000
            return {
                "estimate_text": f"{amount:,}".replace(",", ".") + ",-",
                "estimate_min": Decimal(amount),
                "estimate_max": Decimal(amount),
            }
        return {"estimate_text": rng.choice(["ntb", "-", ""])}

    def _activities(self, ctx: _Programme, volume: int) -> None:
        """Activities after each team's last, with planning, estimate, goal and cases."""
        rng = self.rng
        last = dict(
            Activity.objects.filter(team__in=ctx.teams)
            .values_list("team")
            .annotate(last=Max("order"))
            .values_list("team", "last")
        )
        activities, case_rows = [], []
        statuses = list(ActivityStatus)
        for team in ctx.teams:
            goals = ctx.goals[team.pk]
            for offset in range(1, SEED_ACTIVITIES.get(team.number, 8) * volume + 1):
                title = self._fill(rng.choice(words.ACTIVITY_TITLES))
                responsible = rng.choice(
                    [
                        " ".join(self._person()),
                        f"{' '.join(self._person())} ({rng.choice(words.MUNICIPALITIES)})",
                        f"Ontwikkelteam {team.number}",
                        "Nader te bepalen",
                    ]
                )
                activity = Activity(
                    team=team,
                    goal=rng.choice(goals) if goals and rng.random() < 0.7 else None,
                    order=last.get(team.pk, 0) + offset,
                    title=title[0].upper() + title[1:],
                    explanation=self._fill(rng.choice(words.EXPLANATIONS)),
                    result=self._fill(rng.choice(words.RESULTS)),
                    responsible=responsible,
                    status=rng.choices(statuses, weights=[10, 50, 20, 15, 5])[0],
                    **self._planning(ctx),
                    **self._estimate(),
                )
                self._created(activity, ctx, self._author(ctx, team))
                activities.append(activity)
                ctx.activities[team.pk].append(activity)
                if ctx.cases and rng.random() < 0.2:
                    for case in rng.sample(ctx.cases, min(len(ctx.cases), rng.randint(1, 2))):
                        case_rows.append((activity, case))
        Activity.objects.bulk_create(activities, batch_size=BATCH_SIZE)
        links = self._links(Activity.cases.through, "activity_id", "case_id", case_rows)
        self._history(Activity, activities, links={"cases": links})
        self.added["activities"] += len(activities)

    def _related_programmes(self, ctx: _Programme, volume: int) -> None:
        """Rows of the teams' tables of related national programmes, with partners."""
        rng = self.rng
        last = dict(
            RelatedProgramme.objects.filter(team__in=ctx.teams)
            .values_list("team")
            .annotate(last=Max("order"))
            .values_list("team", "last")
        )
        rows, contact_rows = [], []
        for team in ctx.teams:
            letters = ctx.letters[team.pk]
            for offset in range(1, SEED_RELATED_PROGRAMMES.get(team.number, 10) * volume + 1):
                partner = rng.choice(ctx.organisations) if ctx.organisations else None
                contacts = (
                    rng.sample(ctx.contacts, rng.randint(1, 2))
                    if ctx.contacts and rng.random() < 0.4
                    else []
                )
                chosen = sorted(rng.sample(letters, min(len(letters), rng.randint(0, 2))))
                row = RelatedProgramme(
                    team=team,
                    order=last.get(team.pk, 0) + offset,
                    name=self._fill(rng.choice(words.RELATED_PROGRAMMES)),
                    knowledge_partner=partner,
                    knowledge_partner_text=partner.name if partner else "",
                    subject=self._fill(rng.choice(words.RELATED_SUBJECTS)),
                    goal_letters="/".join(chosen),
                    remark=", ".join(c.name.split()[-1] for c in contacts),
                    position=rng.choice(list(PartnerPosition)),
                )
                rows.append(self._created(row, ctx, self._author(ctx, team)))
                contact_rows += [(row, contact) for contact in contacts]
        RelatedProgramme.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        links = self._links(
            RelatedProgramme.contacts.through, "relatedprogramme_id", "contact_id", contact_rows
        )
        self._history(RelatedProgramme, rows, links={"contacts": links})
        self.added["related programmes"] += len(rows)

    def _events(self, ctx: _Programme, volume: int) -> list[Event]:
        """The programme's events; returns the core team meetings made for decisions."""
        rng = self.rng
        slugs = set(Event.objects.filter(programme=ctx.programme).values_list("slug", flat=True))
        meetings_count = SEED_DECISIONS * volume
        first, last = ctx.years
        # Core team meetings spread over the years, each deciding on spending.
        span = (datetime.date(last, 11, 30) - datetime.date(first, 2, 1)).days
        meeting_days = sorted(
            self._day(datetime.date(first, 2, 1), span) for _ in range(meetings_count)
        )
        events, team_rows, case_rows, meetings = [], [], [], []
        kinds = [k for k in EventKind if k != EventKind.CORE_TEAM]
        for index in range(SEED_EVENTS * volume):
            if index < meetings_count:
                kind, day, precision = EventKind.CORE_TEAM, meeting_days[index], DatePrecision.DAY
                title = f"Kernteam {ctx.programme.name}"
            else:
                kind = rng.choices(kinds, weights=[15, 15, 35, 20, 15])[0]
                day = self._in_years(ctx)
                precision = DatePrecision.DAY if rng.random() < 0.7 else DatePrecision.MONTH
                if precision == DatePrecision.MONTH:
                    day = day.replace(day=1)
                team = rng.choice(ctx.teams)
                title = self._fill(
                    words.EVENT_TITLES[kind], number=rng.randint(1, 12), team=team.code
                )
            when = day.strftime("%Y-%m") if precision == DatePrecision.MONTH else day.isoformat()
            slug = self._unique_slug(slugs, slugify(f"{title[:60]} {when}").strip("-"))
            event = Event(
                programme=ctx.programme,
                slug=slug,
                kind=kind,
                title=title,
                date=day,
                date_precision=precision,
                place=rng.choice(["", "Online", rng.choice(words.MUNICIPALITIES)]),
                description=self._fill(rng.choice(words.EXPLANATIONS)),
            )
            self._created(event, ctx, rng.choice(self.core), day - datetime.timedelta(days=21))
            events.append(event)
            if kind == EventKind.CORE_TEAM:
                meetings.append(event)
            elif kind in (EventKind.WORKSHOP, EventKind.THEME_SESSION, EventKind.TEAM_MEETING):
                team_rows.append((event, team))
                if kind == EventKind.WORKSHOP and ctx.cases:
                    case_rows += [(event, c) for c in rng.sample(ctx.cases, 1)]
        Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
        teams = self._links(Event.teams.through, "event_id", "team_id", team_rows)
        cases = self._links(Event.cases.through, "event_id", "case_id", case_rows)
        self._history(Event, events, links={"teams": teams, "cases": cases})
        self.added["events"] += len(events)
        return meetings

    def _decisions(self, ctx: _Programme, meetings: list[Event]) -> None:
        """A decision at each core team meeting; saved with the requests it approves."""
        references: dict[datetime.date, set[str]] = defaultdict(set)
        for date, reference in Decision.objects.filter(
            programme=ctx.programme, date__in={m.date for m in meetings}
        ).values_list("date", "reference"):
            references[date].add(reference)
        for meeting in meetings:
            decision = Decision(
                programme=ctx.programme,
                date=meeting.date,
                reference=self._unique_slug(references[meeting.date], "kernteam"),
                meeting="Kernteam",
                event=meeting,
            )
            decision._history_user = self.rng.choice(self.core)
            decision._history_date = self._moment(meeting.date, (16, 18))
            decision.covers = []
            ctx.decisions.append(decision)

    # -- spending ------------------------------------------------------------------------

    def _spending(self, ctx: _Programme, count: int) -> None:
        """``count`` spending requests on the lines with money, in every state, with the
        steps and changes of their trail; then the decisions that approved them."""
        rng = self.rng
        lines = list(
            BudgetLine.objects.filter(team__in=ctx.teams, amount__gt=0)
            .select_related("team", "period")
            .order_by("period__start_year", "team__number")
        )
        plans = []
        if lines:
            states, state_weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
            line_weights = [float(line.amount) for line in lines]  # only to draw a line
            for _ in range(count):
                line = rng.choices(lines, weights=line_weights)[0]
                plans.append(
                    _Plan(
                        line=line,
                        state=rng.choices(states, weights=state_weights)[0],
                        year=rng.randint(line.period.start_year, line.period.end_year),
                    )
                )
            self._allocate(ctx, lines, plans)
        requests, steps, changes = [], [], []
        for plan in plans:
            request, request_steps, request_changes = self._request(ctx, plan)
            requests.append(request)
            steps += request_steps
            changes += request_changes
        self._save_decisions(ctx)
        with _timestamps_as_given(SpendingRequest):
            SpendingRequest.objects.bulk_create(requests, batch_size=BATCH_SIZE)
        SpendingTransition.objects.bulk_create(steps, batch_size=BATCH_SIZE)
        SpendingChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)
        self.added["spending requests"] += len(requests)
        self.added["spending steps"] += len(steps)
        self.added["spending changes"] += len(changes)

    def _year_rooms(self, programme: Programme, years: list[int]) -> dict[int, Decimal | None]:
        """What may still be committed in each year (None: the year states no space).

        Only a year's own maximum counts, never a carry-over into it; and a year whose
        surplus carries over keeps what the next year already counts on.
        """
        figures = {
            f.year: f
            for f in year_figures(programme=programme, years=[*years, *(y + 1 for y in years)])
        }
        rooms: dict[int, Decimal | None] = {}
        for year in years:
            this = figures[year]
            if not this.stated:
                rooms[year] = None
                continue
            room = max(ZERO, this.space_max - this.committed)
            following = figures[year + 1]
            if this.carries_over and following.stated:
                needed = max(ZERO, following.committed - following.space_max)
                room = min(room, max(ZERO, this.carry_out - needed))
            rooms[year] = room
        return rooms

    def _allocate(self, ctx: _Programme, lines: list[BudgetLine], plans: list["_Plan"]) -> None:
        """Amounts for the plans. Approved and realised ones share 55-90% of what is left
        on their line and of their year's budget space (the space divided over the lines
        by their amounts); those that no longer fit become rejected. The others ask up to
        their line's amount."""
        rng = self.rng
        years = sorted({year for line in lines for year in line.period.years})
        rooms = self._year_rooms(ctx.programme, years)
        left = {line.pk: max(ZERO, budget_line_figures(line).remaining) for line in lines}
        planned = defaultdict(lambda: ZERO)
        for line in lines:
            for year in line.period.years:
                planned[year] += line.amount
        cells: dict[tuple[int, int], list[_Plan]] = defaultdict(list)
        for plan in plans:
            if plan.state in COMMITTED_STATES:
                cells[(plan.line.pk, plan.year)].append(plan)
            else:
                ceiling = int(min(plan.line.amount, Decimal(75_000)) // MIN_COMMITTED)
                plan.amount = min(plan.line.amount, MIN_COMMITTED * rng.randint(1, max(1, ceiling)))
        per_line = Counter(line_pk for (line_pk, _), cell in cells.items() for _ in cell)
        for (line_pk, year), cell in cells.items():
            line = cell[0].line
            cap = left[line_pk] * len(cell) / per_line[line_pk]
            if rooms[year] is not None:
                cap = min(cap, rooms[year] * line.amount / planned[year])
            target = cap * rng.randint(55, 90) / 100
            # Each share is at least half the mean: the smallest stays MIN_COMMITTED.
            fits = int(target // (2 * MIN_COMMITTED))
            for plan in cell[fits:]:
                plan.state, plan.no_room = SpendingState.REJECTED, True
                plan.amount = min(line.amount, MIN_COMMITTED * rng.randint(1, 100))
            cell = cell[:fits]
            weights = [rng.randint(5, 10) for _ in cell]
            for plan, weight in zip(cell, weights, strict=True):
                plan.amount = (target * weight / sum(weights) // ROUND_TO) * ROUND_TO
                if plan.state == SpendingState.REALISED:
                    actual = plan.amount * rng.randint(70, 100) / 100
                    plan.actual_amount = actual.quantize(Decimal("0.01"), rounding=ROUND_DOWN)

    def _request(self, ctx: _Programme, plan: "_Plan"):
        """The request of ``plan``, its steps and its changes, dated within its period."""
        rng = self.rng
        S = SpendingState
        line, state = plan.line, plan.state
        team = line.team
        creator = self._author(ctx, team) if rng.random() < 0.85 else rng.choice(self.core)
        deciders = [user for user in self.core if user.pk != creator.pk]
        activities = ctx.activities[team.pk]
        partner = rng.choice(ctx.organisations).name if ctx.organisations else "het bureau"
        title = self._fill(rng.choice(words.SPENDING_TITLES))
        request = SpendingRequest(
            budget_line=line,
            activity=rng.choice(activities) if activities and rng.random() < 0.8 else None,
            year=plan.year,
            title=title[0].upper() + title[1:],
            description=self._fill(
                rng.choice(words.SPENDING_DESCRIPTIONS),
                organisation=partner,
                phase=rng.randint(1, 3),
            ),
            amount=plan.amount,
            state=state,
            created_by=creator,
        )
        # The actions, in order, that led to the state.
        again = state not in (S.DRAFT, S.RETURNED) and rng.random() < 0.25
        actions = [] if state == S.DRAFT else ["submit", *(["return", "submit"] if again else [])]
        final = {
            S.RETURNED: ["return"],
            S.REJECTED: ["reject"],
            S.WITHDRAWN: ["withdraw"],
            S.APPROVED: ["approve"],
            S.REALISED: ["approve"],
        }.get(state, [])
        actions += final
        gaps = {"submit": (1, 14), "return": (2, 10), "reject": (3, 21), "withdraw": (2, 20)}
        days = [rng.randint(*gaps.get(action, (3, 21))) for action in actions]
        start = datetime.date(line.period.start_year, 1, 1) + datetime.timedelta(days=60)
        end = datetime.date(line.period.end_year, 12, 31)
        decision = None
        if state in COMMITTED_STATES:
            end -= datetime.timedelta(days=45)  # room to realise within the period
            candidates = [d for d in ctx.decisions if start <= d.date <= end]
            decision = rng.choice(candidates) if candidates else None
        anchor = decision.date if decision is not None else self._day_between(start, end)
        day = anchor - datetime.timedelta(days=sum(days))
        moment = self._moment(day)
        request.created = moment
        steps, changes = [], []
        amount_before = plan.amount
        # After a return the creator changed the request before submitting it again.
        change_after_return = again or (state == S.RETURNED and rng.random() < 0.3)
        if change_after_return and state in COMMITTED_STATES | {S.SUBMITTED} and rng.random() < 0.6:
            raised = (plan.amount * rng.randint(110, 150) / 100 // ROUND_TO) * ROUND_TO
            amount_before = min(line.amount, raised)
        current_amount = amount_before
        current = S.DRAFT
        for action, gap in zip(actions, days, strict=True):
            day += datetime.timedelta(days=gap)
            if action in ("approve",) and decision is not None:
                moment = self._moment(decision.date, (13, 15))
            else:
                moment = self._moment(day)
            by = creator if action in ("submit", "withdraw") else rng.choice(deciders)
            target = {
                "submit": S.SUBMITTED,
                "return": S.RETURNED,
                "reject": S.REJECTED,
                "withdraw": S.WITHDRAWN,
                "approve": S.APPROVED,
            }[action]
            if action == "submit" and current == S.RETURNED and change_after_return:
                changed_at = self._moment(day - datetime.timedelta(days=1))
                changes += self._changes(request, creator, changed_at, amount_before)
                current_amount = request.amount
            note = self._note(action, plan, decision)
            steps.append(
                SpendingTransition(
                    request=request,
                    at=moment,
                    by=by,
                    from_state=current,
                    to_state=target,
                    note=note,
                    amount=current_amount,
                )
            )
            current = target
            if action == "submit":
                request.submitted_by, request.submitted_at = creator, moment
                request.decided_by = request.decided_at = None
            elif action in ("return", "reject", "approve"):
                request.decided_by, request.decided_at = by, moment
        if state == S.RETURNED and change_after_return:
            changes += self._changes(request, creator, moment + datetime.timedelta(days=1), None)
        if state == S.DRAFT and rng.random() < 0.3:
            changes += self._changes(request, creator, moment + datetime.timedelta(days=2), None)
        if state == S.APPROVED or state == S.REALISED:
            request.decision = decision
            if decision is not None:
                decision.covers.append(request)
        if state == S.REALISED:
            realised_on = self._day_between(
                anchor + datetime.timedelta(days=14), datetime.date(line.period.end_year, 12, 31)
            )
            request.actual_amount, request.realised_on = plan.actual_amount, realised_on
            moment = self._moment(
                min(realised_on + datetime.timedelta(days=rng.randint(0, 10)), self.latest)
            )
            steps.append(
                SpendingTransition(
                    request=request,
                    at=moment,
                    by=rng.choice(deciders),
                    from_state=S.APPROVED,
                    to_state=S.REALISED,
                    note=rng.choice(["", f"Factuur van {partner} betaald."]),
                    amount=request.amount,
                )
            )
        request.updated = max([request.created, *(s.at for s in steps), *(c.at for c in changes)])
        return request, steps, changes

    def _changes(self, request, by, at, amount_before: Decimal | None) -> list[SpendingChange]:
        """The trail rows of one edit by the creator: the amount lowered to its present
        value (``amount_before`` given and different), else the explanation rewritten."""
        field = SpendingChangeField
        if amount_before is not None and amount_before != request.amount:
            return [
                SpendingChange(
                    request=request,
                    at=at,
                    by=by,
                    field=field.AMOUNT,
                    old_value=f"{amount_before:.2f}",
                    new_value=f"{request.amount:.2f}",
                )
            ]
        old = request.description
        request.description = (old + " " if old else "") + self._fill(
            "Aangevuld met de planning voor {theme}."
        )
        return [
            SpendingChange(
                request=request,
                at=at,
                by=by,
                field=field.DESCRIPTION,
                old_value=old,
                new_value=request.description,
            )
        ]

    def _note(self, action: str, plan: "_Plan", decision: Decision | None) -> str:
        rng = self.rng
        if action == "approve":
            if decision is None:
                return rng.choice(["", "Akkoord."])
            month = words.MONTHS_FULL[decision.date.month - 1].lower()
            return f"Groen licht, kernteam {decision.date.day} {month}"
        if action == "reject":
            if plan.no_room:
                return "Geen ruimte meer op de begrotingsregel of in de begrotingsruimte."
            return rng.choice(words.REJECT_NOTES)
        if action == "return":
            return rng.choice(words.RETURN_NOTES)
        if action == "withdraw":
            return rng.choice(words.WITHDRAW_NOTES)
        return ""

    def _save_decisions(self, ctx: _Programme) -> None:
        """The decisions of this run, each with the budget lines of what it approved."""
        decisions = ctx.decisions
        for decision in decisions:
            if decision.covers:
                codes = sorted({r.budget_line.team.code for r in decision.covers})
                decision.text = (
                    f"Het kernteam geeft groen licht voor {len(decision.covers)} "
                    f"uitgavenverzoeken van {', '.join(codes)}."
                )
            else:
                decision.text = self._fill(
                    "Het kernteam bespreekt de voortgang van de ontwikkelteams en de "
                    "planning rond {theme}."
                )
        Decision.objects.bulk_create(decisions, batch_size=BATCH_SIZE)
        pairs = []
        for decision in decisions:
            lines = {r.budget_line.pk: r.budget_line for r in decision.covers}
            pairs += [(decision, lines[pk]) for pk in sorted(lines)]
        links = self._links(Decision.budget_lines.through, "decision_id", "budgetline_id", pairs)
        self._history(Decision, decisions, links={"budget_lines": links})
        self.added["decisions"] += len(decisions)

    # -- workshops -----------------------------------------------------------------------

    def _workshops(self, ctx: _Programme, count: int) -> None:
        """``count`` workshop slots of the programme's teams in turn, with their bookings and
        every booking's steps, as the services would have left them."""
        if not count or not ctx.cases:
            return
        rng = self.rng
        today = timezone.localdate()
        slots = []
        for index in range(count):
            team = ctx.teams[index % len(ctx.teams)]
            if rng.random() < UPCOMING_SHARE:
                day = _weekday(today + datetime.timedelta(days=rng.randint(2, 84)), forward=True)
                created_day = self._day(today - datetime.timedelta(days=40), 38)
            else:
                day = _weekday(self._in_years(ctx), forward=False)
                created_day = self._day(day - datetime.timedelta(days=rng.randint(20, 60)), 0)
            start = timezone.make_aware(
                datetime.datetime.combine(
                    day, datetime.time(rng.choice([9, 10, 13, 14]), rng.choice([0, 30]))
                ),
                self.tz,
            )
            goals, activities = ctx.goals[team.pk], ctx.activities[team.pk]
            by = self._author(ctx, team)
            created = self._moment(min(created_day, start.date() - datetime.timedelta(days=1)))
            cancelled = rng.random() < 0.08
            slot = WorkshopSlot(
                team=team,
                title=_capital(self._fill(rng.choice(words.WORKSHOP_TITLES))),
                topic=rng.choice(words.WORKSHOP_TOPICS),
                goal=rng.choice(goals) if goals and rng.random() < 0.6 else None,
                activity=rng.choice(activities) if activities and rng.random() < 0.4 else None,
                start=start,
                end=start + datetime.timedelta(hours=rng.choice([1, 2, 2, 3])),
                location=rng.choice(words.WORKSHOP_LOCATIONS),
                capacity=rng.randint(1, 6),
                description=self._fill(rng.choice(words.WORKSHOP_DESCRIPTIONS)),
                state=SlotState.CANCELLED if cancelled else SlotState.PUBLISHED,
                cancel_reason=rng.choice(words.WORKSHOP_CANCEL_REASONS) if cancelled else "",
                created_by=by,
                created=created,
                updated=created,
            )
            slot._history_user, slot._history_date = by, created
            slots.append(slot)
        with _timestamps_as_given(WorkshopSlot):
            WorkshopSlot.objects.bulk_create(slots, batch_size=BATCH_SIZE)
        self._history(WorkshopSlot, slots)
        self.added["workshop slots"] += len(slots)

        # A case's confirmed workshops, to keep it out of two at once; a slot's places taken.
        busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
        taken: Counter = Counter()
        bookings, steps = [], []
        for slot in sorted(slots, key=lambda slot: (slot.start, slot.pk)):
            size = min(len(ctx.cases), rng.randint(0, slot.capacity + 2))
            made = [
                self._booking(ctx, slot, case, busy, taken) for case in rng.sample(ctx.cases, size)
            ]
            if taken[slot.pk] >= slot.capacity:
                # The last place went: the requests still open wait, as the services do it.
                for booking, trail in made:
                    if booking.state == BookingState.REQUESTED:
                        at = max(step["at"] for _b, t in made for step in t)
                        trail.append(
                            {
                                "at": at,
                                "by_id": rng.choice(ctx.leads.get(slot.team_id) or self.core).pk,
                                "from_state": booking.state,
                                "to_state": BookingState.WAITING,
                                "note": "De workshop is vol; de aanvraag wacht.",
                            }
                        )
                        booking.state, booking.updated = BookingState.WAITING, at
            bookings += [booking for booking, _trail in made]
            steps += [trail for _booking, trail in made]
        with _timestamps_as_given(Booking):
            Booking.objects.bulk_create(bookings, batch_size=BATCH_SIZE)
        rows = [
            BookingTransition(booking=booking, **step)
            for booking, trail in zip(bookings, steps, strict=True)
            for step in trail
        ]
        BookingTransition.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        self.added["bookings"] += len(bookings)
        self.added["booking steps"] += len(rows)

    def _booking(self, ctx: _Programme, slot: WorkshopSlot, case: Case, busy, taken) -> tuple:
        """A booking of ``case`` in ``slot`` in a state the services allow at that point of
        the slot's life, and its steps (each a dict of BookingTransition's fields)."""
        rng = self.rng
        S = BookingState
        now = timezone.now()
        last = min(now - datetime.timedelta(hours=1), slot.start - datetime.timedelta(hours=1))
        owner_id = ctx.case_owner_ids.get(case.pk)
        asker_id = owner_id if owner_id is not None else rng.choice(self.core).pk
        deciders = ctx.leads.get(slot.team_id) or self.core
        span = max(1, int((last - slot.created).total_seconds() // 3600))
        moment = slot.created + datetime.timedelta(hours=rng.randint(1, max(1, span // 3)))
        moment = min(moment, last)

        def later(hours: int = 72) -> datetime.datetime:
            nonlocal moment
            moment = min(moment + datetime.timedelta(hours=rng.randint(1, hours)), last)
            return moment

        steps = [
            {"at": moment, "by_id": asker_id, "from_state": "", "to_state": S.REQUESTED, "note": ""}
        ]
        booking = Booking(
            slot=slot,
            case=case,
            questions=self._fill(rng.choice(words.WORKSHOP_QUESTIONS)),
            state=S.REQUESTED,
            requested_by_id=asker_id,
            created=moment,
        )
        full = taken[slot.pk] >= slot.capacity
        clash = any(start < slot.end and slot.start < end for start, end in busy[case.pk])
        past = slot.start <= now
        roll = rng.random()

        def step(to: str, by_id: int, note: str = "", at: datetime.datetime | None = None):
            steps.append(
                {
                    "at": at or later(),
                    "by_id": by_id,
                    "from_state": booking.state,
                    "to_state": to,
                    "note": note,
                }
            )
            booking.state = to

        if full:
            step(S.WAITING, steps[0]["by_id"], "De workshop is vol; de aanvraag wacht.")
        if not full and not clash and roll < 0.7:
            decider = rng.choice(deciders).pk
            step(S.CONFIRMED, decider)
            booking.decided_by_id, booking.decided_at = decider, moment
            busy[case.pk].append((slot.start, slot.end))
            taken[slot.pk] += 1
            if past and slot.state == SlotState.PUBLISHED:
                booking.reminder_sent_at = max(moment, slot.start - datetime.timedelta(days=2))
                held = rng.random() < 0.85
                booking.report = rng.choice(words.WORKSHOP_REPORTS) if held else ""
                at = min(slot.end + datetime.timedelta(hours=rng.randint(1, 48)), now)
                step(S.HELD if held else S.NOT_HELD, decider, booking.report, at=at)
            elif rng.random() < 0.1 and slot.state == SlotState.PUBLISHED:
                step(S.CANCELLED, asker_id, rng.choice(words.WORKSHOP_CANCEL_REASONS))
                busy[case.pk].pop()
                taken[slot.pk] -= 1
        elif roll < 0.85 or past:
            decider = rng.choice(deciders).pk
            if rng.random() < 0.5:
                step(S.DECLINED, decider, rng.choice(words.WORKSHOP_DECLINE_NOTES))
                booking.decided_by_id, booking.decided_at = decider, moment
            else:
                step(S.CANCELLED, asker_id, rng.choice(words.WORKSHOP_CANCEL_REASONS))
        if slot.state == SlotState.CANCELLED and booking.state in (
            S.REQUESTED,
            S.WAITING,
            S.CONFIRMED,
        ):
            if booking.state == S.CONFIRMED:
                busy[case.pk].pop()
                taken[slot.pk] -= 1
            step(S.CANCELLED, slot.created_by_id, slot.cancel_reason)
        booking.updated = moment if len(steps) == 1 else steps[-1]["at"]
        return booking, steps


@dataclass
class _Plan:
    """A spending request before it is made: its line, state, year and amounts."""

    line: BudgetLine
    state: SpendingState
    year: int
    amount: Decimal = ZERO
    actual_amount: Decimal | None = None
    no_room: bool = False


def _letter_index(letter: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27 (bijective base 26)."""
    index = 0
    for char in letter.upper():
        index = index * 26 + ord(char) - ord("A") + 1
    return index


def _index_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _next_letters(existing: list[str], count: int, *, new_team: bool) -> list[str]:
    """The letters of ``count`` new goals after ``existing``, in the team's own style:
    numbers after numbers, letters after letters (lower case after lower case); no
    letters for a team whose goals have none. Never one the team has (in any case)."""
    if not existing:
        if not new_team:
            return [""] * count
        existing = []
    if existing and all(letter.isdigit() for letter in existing):
        start = max(int(letter) for letter in existing)
        return [str(start + n) for n in range(1, count + 1)]
    alpha = [letter for letter in existing if letter.isalpha()]
    lower = bool(alpha) and all(letter.islower() for letter in alpha)
    taken = {letter.upper() for letter in existing}
    index = max((_letter_index(letter) for letter in alpha), default=0)
    result = []
    while len(result) < count:
        index += 1
        letter = _index_letter(index)
        if letter not in taken:
            result.append(letter.lower() if lower else letter)
    return result


def _weekday(day: datetime.date, *, forward: bool) -> datetime.date:
    """``day``, or the nearest weekday after it (``forward``) or before it."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1 if forward else -1)
    return day


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]
