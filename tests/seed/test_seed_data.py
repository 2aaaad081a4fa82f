"""The seed reproduces the source document (the bundled plans of the six development teams).

Every expected value below is copied from the document, not from the fixtures, so a
mistyped or missing figure in the seed makes a test fail.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import Sum

from activities.models import Activity
from budgets.models import BudgetLine, BudgetPeriod, BudgetSpace, Decision
from cases.models import Case, CaseCost, Municipality
from citydeal.seed import SEED_FIXTURES, seed_load
from events.models import Event
from partners.models import Contact, Organisation, RelatedProgramme
from teams.models import Goal, Programme, Team

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED_APPS = {"teams", "activities", "budgets", "cases", "partners", "events"}


def month(text: str) -> date:
    year, mon = text.split("-")
    return date(int(year), int(mon), 1)


# ---------------------------------------------------------------------------
# Fixtures themselves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_FIXTURES)
def test_fixture_uses_natural_keys_only(name):
    rows = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert rows, f"{name} is empty"
    assert all("pk" not in row for row in rows)


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label not in SEED_APPS:
            continue
        counts[model._meta.label] = model.objects.count()
        for field in model._meta.many_to_many:
            counts[f"{model._meta.label}.{field.name}"] = field.remote_field.through.objects.count()
    return counts


def test_loading_the_seed_again_adds_no_rows():
    before = row_counts()
    assert seed_load() is False
    after = row_counts()
    assert after == before
    assert before["activities.Activity"] == 48
    assert before["partners.RelatedProgramme"] == 58


def test_loading_the_seed_again_keeps_what_people_changed():
    line = BudgetLine.objects.get(team__number=5, period__label="2021")
    line.amount = Decimal("1.00")
    line.save()
    assert seed_load() is False
    line.refresh_from_db()
    assert line.amount == Decimal("1.00")


# ---------------------------------------------------------------------------
# Programme, teams, goals
# ---------------------------------------------------------------------------


def test_programme_and_teams():
    programme = Programme.objects.get(slug="cdor")
    assert programme.name == "City Deal Openbare Ruimte"
    assert "groen licht voor de uitgaven in dit kalenderjaar" in programme.description
    teams = {t.number: (t.name, t.short_name) for t in Team.objects.filter(programme=programme)}
    assert teams == {
        1: ("Integrale opgave en beleidsontwikkeling", "Beleid & opgaven"),
        2: ("Stedelijk programmeren en samenwerken", "Stedelijk programmeren"),
        3: ("Integrale uitvoering", "Uitvoering"),
        4: ("Stedelijk investeren en businesscases", "Investeren en businesscases"),
        5: ("Datagedreven sturen", "Datagedreven sturen"),
        6: ("Harmonisatie regelgeving", "Harmonisatie regelgeving"),
    }


@pytest.mark.parametrize(
    ("team", "letters"),
    [
        (1, ["A", "B", "C", "D"]),
        (2, ["1", "2", "3", "4"]),
        (3, ["a", "b", "c"]),
        (4, ["1", "2", "3"]),
        (5, ["", ""]),
        (6, []),
    ],
)
def test_goals_per_team(team, letters):
    goals = Goal.objects.filter(team__number=team).order_by("order")
    assert [g.letter for g in goals] == letters
    assert [g.order for g in goals] == list(range(1, len(letters) + 1))


def test_goal_texts():
    a = Goal.objects.get(team__number=1, letter="A")
    assert a.title == "Instrumentontwikkeling"
    assert a.text.startswith("Instrumentontwikkeling: hoe kunnen we op integraliteit")
    assert Goal.objects.get(team__number=4, letter="2").title == (
        "Meten en verrekenen van maatschappelijke baten"
    )
    assert "Kritische succesfactoren" in Goal.objects.get(team__number=2, letter="2").text


def test_team_intro_and_plan_notes():
    ot5 = Team.objects.get(number=5)
    assert ot5.goals_intro.startswith("Hoofddoel: een voor Nederland relevante bijdrage")
    assert "20210921, v3" in ot5.plan_note
    assert "onder voorbehoud" in ot5.plan_note
    for number in (4, 6):
        assert "[max 5 doelstellingen, 100 woorden per doelstelling]" in (
            Team.objects.get(number=number).plan_note
        )
    ot6 = Team.objects.get(number=6)
    assert ot6.goals_intro.startswith("Ontwikkelteam 6 heeft als doelstelling")
    assert "ingenieursbureaus" in ot6.goals_intro


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------

AMOUNTS = {
    "2021": {1: "50000", 2: "0", 3: "5000", 4: "40000", 5: "55000", 6: "0"},
    "2022-2023": {1: "450000", 2: "100000", 3: "75000", 4: "100000", 5: "320000", 6: "315000"},
}


@pytest.mark.parametrize(
    ("period", "team", "amount"),
    [(period, team, amount) for period, rows in AMOUNTS.items() for team, amount in rows.items()],
)
def test_budget_line_amount(period, team, amount):
    line = BudgetLine.objects.get(team__number=team, period__label=period)
    assert line.amount == Decimal(amount)


def test_budget_periods():
    periods = [
        (p.label, p.title, p.start_year, p.end_year)
        for p in BudgetPeriod.objects.order_by("start_year")
    ]
    assert periods == [
        ("2021", "Activiteiten 2021", 2021, 2021),
        ("2022-2023", "Doorkijk 2022 - 2023", 2022, 2023),
    ]
    assert BudgetPeriod.objects.get(label="2021").description.startswith(
        "Vier van de zes teams gaan in dit jaar al van start"
    )
    assert "400-500k per jaar" in BudgetPeriod.objects.get(label="2022-2023").description


def test_budget_totals():
    totals = {
        p.label: p.lines.aggregate(total=Sum("amount"))["total"] for p in BudgetPeriod.objects.all()
    }
    assert totals == {"2021": Decimal("150000"), "2022-2023": Decimal("1360000")}
    assert BudgetLine.objects.count() == 12


def test_four_teams_spend_in_2021():
    spending = BudgetLine.objects.filter(period__label="2021", amount__gt=0)
    assert sorted(spending.values_list("team__number", flat=True)) == [1, 3, 4, 5]


def test_budget_line_main_activities():
    ot5 = BudgetLine.objects.get(team__number=5, period__label="2021").main_activities
    assert ot5.splitlines() == [
        "-Ontwikkelen toolkit inwinningsproces data",
        "-Doorontwikkelen (standaard) 3D ontwikkeling kluitmodel bomen",
        "-Pilot Enschede Infiltratiekansen",
        "-Datagedreven integraal ontwerp Amsterdam Amstelstad",
        "….meer *Zie begrotingsoverzicht voor gedetailleerd overzicht",
    ]
    ot6 = BudgetLine.objects.get(team__number=6, period__label="2022-2023").main_activities
    assert len(ot6.splitlines()) == 5
    assert ot6.endswith("-Overige kosten (communicatie, media)")
    ot1 = BudgetLine.objects.get(team__number=1, period__label="2022-2023").main_activities
    assert "handelingsperpectief" in ot1  # the document's spelling


def test_budget_space():
    spaces = {s.year: s for s in BudgetSpace.objects.all()}
    assert sorted(spaces) == [2021, 2022, 2023]
    for year in (2022, 2023):
        assert spaces[year].amount_min == Decimal("400000")
        assert spaces[year].amount_max == Decimal("500000")
    space_2021 = spaces[2021]
    assert space_2021.amount_min is None
    assert space_2021.amount_max is None
    assert space_2021.carries_over is True
    assert "in lijn met de begrotingsruimte" in space_2021.note
    assert "nodig hebben in 2022 en 2023" in space_2021.note


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------

# number: (title, cost 2021, cost 2022), as in the OT5 table
OT5_TABLE = {
    1: ("Ontwikkeling toolkit inwinningsproces data.", 5000, 10000),
    2: ("Doorontwikkeling (standaard) 3D ontwikkeling kluitmodel bomen", 5000, 30000),
    3: ("Pilot Enschede infiltratiekansen", 10000, 15000),
    4: ("Data gedreven integraal ontwerp Amsterdam Amstelstad.", 0, 15000),
    5: ("Dordtse buurtaanpak Componistenbuurt", 0, 15000),
    6: ("Effectief koppelen informatiemodellen IMBOR – IMKL-GWSW-SIKB-…", 0, 15000),
    7: ("7 stadsprojecten / West Blaak herinrichting", 0, 15000),
    8: ("Wijkatlas Liendert", 0, 15000),
    9: ("Onvoorzien, w.o. bijdragen vanuit OT5 aan overige CDOR casussen", 10000, 35000),
    10: ("Ontwerpen met algoritme (ondergronds)", 10000, 25000),
    11: ("Eco-systeem ondergrondse netwerken", 0, 15000),
    12: (
        "Experimenteren met data gedreven assetmanagement op basis van voorbeeld "
        "voorspelmodel Zoetermeer.",
        0,
        15000,
    ),
    13: ("Landelijke Wijktypenkaart t.b.v. ondersteuning IOOR", 0, 15000),
    14: ("3D digital twin buitenruimte", 0, 15000),
}


def test_ot5_lists_fourteen_cases():
    numbers = Case.objects.filter(lead_team__number=5).values_list("table_number", flat=True)
    assert sorted(numbers) == list(range(1, 15))


@pytest.mark.parametrize(("number", "row"), OT5_TABLE.items())
def test_ot5_case_row(number, row):
    title, cost_2021, cost_2022 = row
    case = Case.objects.get(lead_team__number=5, table_number=number)
    assert case.title == title
    costs = {c.year: c.amount for c in case.costs.all()}
    assert costs == {2021: Decimal(cost_2021), 2022: Decimal(cost_2022)}
    assert 5 in case.teams.values_list("number", flat=True)


def test_ot5_case_totals():
    totals = dict(
        CaseCost.objects.filter(case__lead_team__number=5)
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    assert totals == {2021: Decimal("40000"), 2022: Decimal("250000")}


def test_ot5_case_totals_differ_from_budget_lines_as_in_the_document():
    """The case table (40.000) does not add up to the 2021 budget line (55.000)."""
    line = BudgetLine.objects.get(team__number=5, period__label="2021")
    total = CaseCost.objects.filter(case__lead_team__number=5, year=2021).aggregate(
        total=Sum("amount")
    )["total"]
    assert (line.amount, total) == (Decimal("55000"), Decimal("40000"))


@pytest.mark.parametrize(
    ("number", "slug", "municipality"),
    [
        (5, "dordtse-buurtaanpak-componistenbuurt", "Dordrecht"),
        (12, "datagedreven-assetmanagement-zoetermeer", "Zoetermeer"),
        (3, "pilot-enschede-infiltratiekansen", "Enschede"),
        (8, "wijkatlas-liendert", "Amersfoort"),
    ],
)
def test_case_slug_and_municipality(number, slug, municipality):
    case = Case.objects.get(programme__slug="cdor", slug=slug)
    assert case.table_number == number
    assert case.municipality.name == municipality


def test_case_9_spans_several_municipalities():
    case = Case.objects.get(lead_team__number=5, table_number=9)
    assert case.municipality is None
    assert set(case.other_municipalities.values_list("name", flat=True)) == {
        "Groningen",
        "Den Haag",
        "Purmerend",
        "Beemster",
        "Leiden",
        "Apeldoorn",
        "Tilburg",
    }


def test_case_10_involves_ot1():
    case = Case.objects.get(lead_team__number=5, table_number=10)
    assert sorted(case.teams.values_list("number", flat=True)) == [1, 5]


def test_wallengebied_case():
    case = Case.objects.get(slug="integraal-gebiedsplan-wallengebied")
    assert case.title == "Integraal Gebiedsplan Het Wallengebied"
    assert case.municipality.name == "Amsterdam"
    assert case.table_number is None
    assert list(case.teams.values_list("number", flat=True)) == [5]
    assert not case.costs.exists()
    assert Case.objects.count() == 15


def test_municipalities():
    assert set(Municipality.objects.values_list("name", flat=True)) == {
        "Alphen aan de Rijn",
        "Amersfoort",
        "Amsterdam",
        "Apeldoorn",
        "Beemster",
        "Den Haag",
        "Deventer",
        "Dordrecht",
        "Enschede",
        "Groningen",
        "Leiden",
        "Purmerend",
        "Rheden",
        "Rotterdam",
        "Tilburg",
        "Zoetermeer",
        "Zutphen",
        "Zwolle",
    }


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------

PLANNED_PER_TEAM = {1: 15, 2: 4, 3: 4, 4: 3, 5: 9, 6: 6}


@pytest.mark.parametrize(("team", "count"), PLANNED_PER_TEAM.items())
def test_planning_table_rows_per_team(team, count):
    rows = Activity.objects.filter(team__number=team, status="planned").order_by("order")
    assert [a.order for a in rows] == list(range(1, count + 1))


def test_ot2_possible_follow_ups_come_after_the_table():
    possible = Activity.objects.filter(team__number=2, status="possible").order_by("order")
    assert [a.order for a in possible] == list(range(5, 12))
    assert possible[0].title == "Inventarisatie van in Nederland bestaande afstemmingsvormen"
    assert possible.last().title == (
        "Identificeren en kiezen mogelijke casussen om opgaves in de praktijk te brengen"
    )
    assert {(a.planning_kind, a.start_month, a.end_month) for a in possible} == {
        ("tbd", None, None)
    }
    assert Activity.objects.filter(status="possible").count() == 7
    assert Activity.objects.count() == 48


def test_ot1_activities_per_work_group():
    letters = (
        Activity.objects.filter(team__number=1)
        .order_by("order")
        .values_list("goal__letter", flat=True)
    )
    assert list(letters) == ["A"] * 2 + ["B"] * 5 + ["C"] * 5 + ["D"] * 3


def test_ot4_activities_per_question():
    letters = (
        Activity.objects.filter(team__number=4)
        .order_by("order")
        .values_list("goal__letter", flat=True)
    )
    assert list(letters) == ["1", "2", "3"]


NAJAAR = "najaar ’21 – zomer ‘22"

# team, order: (label, kind, start, end, estimate text, min, max, doubtful)
ACTIVITY_ROWS = {
    (1, 1): (NAJAAR, "period", "2021-09", "2022-08", "ca. 50-60k", "50000", "60000", False),
    (1, 2): ("doorlopend", "ongoing", None, None, "-", None, None, False),
    (1, 3): ("ntb", "tbd", None, None, "ntb", None, None, False),
    (1, 4): (NAJAAR, "period", "2021-09", "2022-08", "40-50k?", "40000", "50000", True),
    (1, 5): ("Doorlopend", "ongoing", None, None, "", None, None, False),
    (1, 7): ("Na 2022", "from", "2023-01", None, "-", None, None, False),
    (1, 8): (NAJAAR, "period", "2021-09", "2022-08", "ca. 30k", "30000", "30000", False),
    (1, 11): ("…", "tbd", None, None, "ntb", None, None, False),
    (1, 13): (NAJAAR, "period", "2021-09", "2022-08", "Ca. 50-60k", "50000", "60000", False),
    (2, 1): ("Oktober 2021", "period", "2021-10", "2021-10", "", None, None, False),
    (2, 4): ("N.t.b.", "tbd", None, None, "", None, None, False),
    (3, 1): ("Sept/okt 21", "period", "2021-09", "2021-10", "-", None, None, False),
    (3, 2): ("Nov/dec 21- feb 22", "period", "2021-11", "2022-02", "5000,-", "5000", "5000", False),
    (3, 3): ("mrt-juli 22", "period", "2022-03", "2022-07", "50.000,-", "50000", "50000", False),
    (3, 4): ("Sept – dec 22", "period", "2022-09", "2022-12", "25.000,-", "25000", "25000", False),
    (4, 1): ("1-10-2021 t/m 1-6-2022", "period", "2021-10", "2022-06", "", None, None, False),
    (4, 3): ("Nadat opgaven 1 en 2 zijn uitgevoerd.", "tbd", None, None, "", None, None, False),
    (5, 1): ("Nov ‘21", "period", "2021-11", "2021-11", "", None, None, False),
    (5, 2): ("Okt ’21 – Maa ‘22", "period", "2021-10", "2022-03", "", None, None, False),
    (5, 4): ("Jan ‘21", "period", "2021-01", "2021-01", "", None, None, False),
    (5, 6): ("2021-2023", "period", "2021-01", "2023-12", "", None, None, False),
    (5, 7): ("n.n.t.b. 2022", "tbd", "2022-01", "2022-12", "", None, None, False),
    (6, 5): ("Jun ’22 – Mei ‘23", "period", "2022-06", "2023-05", "", None, None, False),
    (6, 6): ("Jun ’22 – Dec ‘23", "period", "2022-06", "2023-12", "", None, None, False),
}  # fmt: skip


@pytest.mark.parametrize(("key", "row"), ACTIVITY_ROWS.items(), ids=[str(k) for k in ACTIVITY_ROWS])
def test_activity_planning_and_estimate(key, row):
    team, order = key
    label, kind, start, end, text, low, high, doubtful = row
    activity = Activity.objects.get(team__number=team, order=order)
    assert activity.planning_label == label
    assert activity.planning_kind == kind
    assert activity.start_month == (month(start) if start else None)
    assert activity.end_month == (month(end) if end else None)
    assert activity.estimate_text == text
    assert activity.estimate_min == (Decimal(low) if low else None)
    assert activity.estimate_max == (Decimal(high) if high else None)
    assert activity.estimate_doubtful is doubtful


def test_ot1_first_activity_texts():
    activity = Activity.objects.get(team__number=1, order=1)
    assert activity.title == "Verkennend onderzoek behoefte en bestaande initiatieven"
    assert activity.result == (
        "aanbevelingen voor doorontwikkelen bestaande of ontwikkelen nieuw instrument."
    )
    assert activity.responsible == "Cora van Zwam"
    assert activity.explanation.startswith("Ophalen bij gemeenten waar behoefte aan is")


def test_ot1_estimates_sum_as_in_the_planning():
    ot1 = Activity.objects.filter(team__number=1).aggregate(
        low=Sum("estimate_min"), high=Sum("estimate_max")
    )
    assert ot1 == {"low": Decimal("170000"), "high": Decimal("200000")}


def test_ot3_estimates_match_its_budget_lines():
    ot3 = {a.order: a.estimate_min for a in Activity.objects.filter(team__number=3)}
    assert ot3 == {1: None, 2: Decimal("5000"), 3: Decimal("50000"), 4: Decimal("25000")}


def test_jan_21_row_is_kept_and_noted():
    activity = Activity.objects.get(team__number=5, order=4)
    assert "Wallengebied" in activity.title
    assert "Dec ‘21" in activity.note and "Feb ‘22" in activity.note
    previous = Activity.objects.get(team__number=5, order=3)
    following = Activity.objects.get(team__number=5, order=5)
    assert previous.start_month == date(2021, 12, 1)
    assert following.start_month == date(2022, 2, 1)


def test_truncated_ot6_activity_is_kept_and_noted():
    activity = Activity.objects.get(team__number=6, order=6)
    assert activity.title == "Activiteit 6: Kennisdeling"
    assert activity.explanation.endswith("Er zal")
    assert "Er zal" in activity.note
    assert activity.responsible == "Ontwikkelteam 6:"


@pytest.mark.parametrize(
    ("team", "order", "slugs"),
    [
        (5, 1, {"datagedreven-assetmanagement-zoetermeer", "toolkit-inwinningsproces-data"}),
        (5, 3, {"pilot-enschede-infiltratiekansen"}),
        (5, 4, {"integraal-gebiedsplan-wallengebied"}),
        (5, 5, {"dordtse-buurtaanpak-componistenbuurt"}),
        (5, 9, {"onvoorzien-overige-cdor-casussen"}),
        (1, 5, {"ontwerpen-met-algoritme-ondergronds"}),
        (3, 2, set()),
    ],
)
def test_activity_cases(team, order, slugs):
    activity = Activity.objects.get(team__number=team, order=order)
    assert set(activity.cases.values_list("slug", flat=True)) == slugs


# ---------------------------------------------------------------------------
# Related national programmes
# ---------------------------------------------------------------------------

RELATED_PER_TEAM = {1: 20, 2: 4, 3: 9, 4: 12, 5: 7, 6: 6}


@pytest.mark.parametrize(("team", "count"), RELATED_PER_TEAM.items())
def test_related_programmes_per_team(team, count):
    rows = RelatedProgramme.objects.filter(team__number=team).order_by("order")
    assert [r.order for r in rows] == list(range(1, count + 1))


def test_ot1_partners_inside_and_outside_the_team():
    positions = list(
        RelatedProgramme.objects.filter(team__number=1)
        .order_by("order")
        .values_list("position", flat=True)
    )
    assert positions == ["outside"] * 14 + ["inside"] * 6
    assert not RelatedProgramme.objects.exclude(team__number=1).exclude(position="").exists()


# team, order: (name, organisation, partner text, goal letters, position, remark, contacts)
RELATED_ROWS = {
    (1, 1): ("", "Bodem+", "Bodem+", "C", "outside", "Hardon", {"Hardon"}),
    (1, 3): ("", "NKWK", "NKWK", "A/B", "outside", "", set()),
    (1, 5): ("", "RVO", "RVO (Horizon2020)", "B/C", "outside", "", set()),
    (1, 11): ("", "Posadmaxwan", "Posadmaxwan", "B", "outside", "Revier, Albers",
              {"Revier", "Albers"}),
    (1, 18): ("", "BZK", "minBZK (BBV)", "A", "inside", "De Ruiter, Arnolds, Freriks",
              {"De Ruiter", "Arnolds", "Freriks"}),
    (1, 19): ("", "COB", "COB", "A/B", "inside", "Boomsma, Kovacs", {"Boomsma", "Kovacs"}),
    (1, 20): ("", "CROW", "CROW", "D", "inside", "Hesselmans", {"Hesselmans"}),
    (2, 3): ("iAMPro", None, "", "", "", None, set()),
    (3, 4): ("Platform Waardevol ondergronds ruimtegebruik", "COB", "COB", "", "",
             "Gijsbert Schuur gijsbert.schuur@cob.nl", {"Gijsbert Schuur"}),
    (3, 9): ("Deltaprogramma (Ruimtelijk Adaptatie)", "Deltares", "Deltares", "", "",
             "Rutger van der Brugge", {"Rutger van der Brugge"}),
    (4, 2): ("Impact fonds", None, "", "", "", "", set()),
    (4, 12): ("RVO Toolbox", None, "", "", "", "Wordt binnenkort gelanceerd.", set()),
    (5, 1): ("DISGeo, Doorontwikkeling in Samenhang – Geo-basisregistraties (BZK).", "Geonovum",
             "Geonovum, BZK", "", "", "Marcel Rietveld, VNG", {"Marcel Rietveld"}),
    (5, 5): ("Kennisarena Integrale Ketensamenwerking in de Ondergrond", "COB", "COB", "", "",
             "John Driessen, Robbert Ephraim", {"John Driessen", "Robbert Ephraim"}),
    (6, 1): ("BodemPlus", None, "-", "", "", "", set()),
    (6, 2): ("Modelverordeningen en model beleidsregels", "VNG", "VNG/ GPKL", "", "", "", set()),
}  # fmt: skip


@pytest.mark.parametrize(("key", "row"), RELATED_ROWS.items(), ids=[str(k) for k in RELATED_ROWS])
def test_related_programme_row(key, row):
    team, order = key
    name, organisation, partner_text, letters, position, remark, contacts = row
    related = RelatedProgramme.objects.get(team__number=team, order=order)
    assert related.name == name
    assert (related.knowledge_partner.name if related.knowledge_partner else None) == organisation
    assert related.knowledge_partner_text == partner_text
    assert related.goal_letters == letters
    assert related.position == position
    if remark is not None:
        assert related.remark == remark
    assert set(related.contacts.values_list("name", flat=True)) == contacts


def test_ot1_goal_letters_all_refer_to_goals():
    letters = set()
    for value in RelatedProgramme.objects.filter(team__number=1).values_list(
        "goal_letters", flat=True
    ):
        letters.update(value.split("/"))
    assert letters == set(Goal.objects.filter(team__number=1).values_list("letter", flat=True))


def test_display_name_keeps_the_plans_words():
    assert RelatedProgramme.objects.get(team__number=1, order=5).display_name == (
        "RVO (Horizon2020)"
    )
    assert RelatedProgramme.objects.get(team__number=3, order=1).display_name == "REKS/NPRES"


def test_contacts():
    assert Contact.objects.count() == 32
    rutger = Contact.objects.get(name="Rutger van der Brugge")
    assert rutger.related_programmes.count() == 3
    assert Contact.objects.get(name="Hesselmans").related_programmes.count() == 2
    gijsbert = Contact.objects.get(name="Gijsbert Schuur")
    assert gijsbert.email == "gijsbert.schuur@cob.nl"
    assert gijsbert.organisation.name == "COB"
    assert Contact.objects.get(name="Marja Exterkate").organisation.name == "CBS"


def test_organisations():
    assert Organisation.objects.count() == 31
    assert Organisation.objects.get(name="Deltares").related_programmes.count() == 4
    assert Organisation.objects.get(name="COB").related_programmes.count() == 5


# ---------------------------------------------------------------------------
# Events and decisions
# ---------------------------------------------------------------------------

# slug: (kind, date, precision, teams, case slugs)
EVENTS = {
    "kernteam-2021-10-14": ("core_team", "2021-10-14", "day", set(), set()),
    "atelier-3-2021-12": ("atelier", "2021-12-01", "month", set(), set()),
    "directeurenoverleg-2022-03-24": ("directors", "2022-03-24", "day", {1, 2, 3, 4, 5, 6}, set()),
    "ot5-bijeenkomst-2021-09-14": ("team_meeting", "2021-09-14", "day", {5}, set()),
    "ot2-themasessie-werken-met-data-2021-10": ("theme_session", "2021-10-01", "month", {2}, set()),
    "ot2-themasessie-matrix-leidende-opgaves-2021-11": (
        "theme_session", "2021-11-01", "month", {2}, set()),
    "ot2-themasessie-3-2021-12": ("theme_session", "2021-12-01", "month", {2}, set()),
    "ot5-workshop-zoetermeer-2021-11": (
        "workshop", "2021-11-01", "month", {5},
        {"datagedreven-assetmanagement-zoetermeer", "toolkit-inwinningsproces-data"}),
    "ot5-workshop-enschede-2021-12": (
        "workshop", "2021-12-01", "month", {5}, {"pilot-enschede-infiltratiekansen"}),
    "ot5-workshop-wallengebied-2021-01": (
        "workshop", "2021-01-01", "month", {5}, {"integraal-gebiedsplan-wallengebied"}),
    "ot5-workshop-componistenbuurt-2022-02": (
        "workshop", "2022-02-01", "month", {5}, {"dordtse-buurtaanpak-componistenbuurt"}),
}  # fmt: skip


def test_event_list():
    assert set(Event.objects.values_list("slug", flat=True)) == set(EVENTS)


@pytest.mark.parametrize(("slug", "row"), EVENTS.items())
def test_event(slug, row):
    kind, day, precision, teams, cases = row
    event = Event.objects.get(programme__slug="cdor", slug=slug)
    assert event.kind == kind
    assert event.date == date.fromisoformat(day)
    assert event.date_precision == precision
    assert set(event.teams.values_list("number", flat=True)) == teams
    assert set(event.cases.values_list("slug", flat=True)) == cases


def test_green_light_on_14_october():
    decision = Decision.objects.get(programme__slug="cdor", reference="uitgaven-2021")
    assert decision.date == date(2021, 10, 14)
    assert "groen licht" in decision.text
    assert decision.event.slug == "kernteam-2021-10-14"
    lines = decision.budget_lines.select_related("team", "period")
    assert sorted((line.team.number, line.period.label) for line in lines) == [
        (1, "2021"),
        (3, "2021"),
        (4, "2021"),
        (5, "2021"),
    ]
    assert sum(line.amount for line in lines) == Decimal("150000")


def test_decisions_of_14_october():
    assert set(
        Decision.objects.filter(date=date(2021, 10, 14)).values_list("reference", flat=True)
    ) == {"uitgaven-2021", "synchronisatie-werkprocessen"}
