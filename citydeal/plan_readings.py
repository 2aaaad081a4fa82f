"""The portal's readings of the programme document, as loaded with the seed.

Where the seed's data says more than the plan (a year the plan leaves out, a town or a
contact taken from another table, a case made from a planning row, a link the plan does
not make), a reading records the plan's words, verbatim, and what the portal made of
them, on the object and field concerned. ``seed_load`` records them right after the
fixtures, into an empty programme only, like the rest of the seed.

The rows name their objects by natural key and their model by label, so the kernel
imports no app.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from citydeal.services import reading_record

PROGRAMME = "cdor"


@dataclass(frozen=True)
class PlanReading:
    model: str  # "app_label.model"
    key: tuple  # the object's natural key
    field: str  # "" for the object as a whole
    plan_words: str
    reading: str


def _case(slug: str, field: str, plan_words: str, reading: str) -> PlanReading:
    return PlanReading("cases.case", (PROGRAMME, slug), field, plan_words, reading)


def _event(slug: str, field: str, plan_words: str, reading: str) -> PlanReading:
    return PlanReading("events.event", (PROGRAMME, slug), field, plan_words, reading)


def _activity(team: int, order: int, field: str, plan_words: str, reading: str) -> PlanReading:
    return PlanReading("activities.activity", (PROGRAMME, team, order), field, plan_words, reading)


def _decision(reference: str, field: str, plan_words: str, reading: str) -> PlanReading:
    return PlanReading(
        "budgets.decision", (PROGRAMME, "2021-10-14", reference), field, plan_words, reading
    )


# -- the years of the OT5 case table's two cost columns --------------------------------------

CASE_COST_COLUMNS = "Kosten voor CDOR | Kosten voor CDOR"
CASE_COST_YEARS = (
    "De casustabel van OT5 noemt bij geen van beide kolommen een jaar. Het portaal leest de "
    "eerste kolom als de kosten in 2021 en de tweede als de kosten in 2022."
)
OT5_CASE_TABLE = (
    "toolkit-inwinningsproces-data",
    "3d-kluitmodel-bomen",
    "pilot-enschede-infiltratiekansen",
    "datagedreven-integraal-ontwerp-amstelstad",
    "dordtse-buurtaanpak-componistenbuurt",
    "koppelen-informatiemodellen-ondergrond",
    "zeven-stadsprojecten-west-blaak",
    "wijkatlas-liendert",
    "onvoorzien-overige-cdor-casussen",
    "ontwerpen-met-algoritme-ondergronds",
    "ecosysteem-ondergrondse-netwerken",
    "datagedreven-assetmanagement-zoetermeer",
    "landelijke-wijktypenkaart",
    "3d-digital-twin-buitenruimte",
)

# -- contacts taken from the OT5 planning, which the case table does not have ---------------


def _contact(slug: str, row: int, plan_words: str) -> PlanReading:
    return _case(
        slug,
        "contact",
        plan_words,
        f"De casustabel van OT5 noemt geen contactpersoon. Het portaal nam de verantwoordelijke "
        f"van rij {row} van de planning van OT5 over als contact van deze casus.",
    )


KERNTEAM_14_OKTOBER = (
    "Het kernteam van de City Deal gaf op 14 oktober groen licht voor de uitgaven in dit "
    "kalenderjaar."
)
YEAR_OF_14_OKTOBER = (
    "Het plan noemt geen jaar. Het portaal leest 14 oktober 2021: het groen licht geldt de "
    "uitgaven van 'dit kalenderjaar', het jaar van de begroting 2021."
)


def _workshop_place(slug: str, plan_words: str) -> PlanReading:
    return _event(
        slug,
        "place",
        plan_words,
        "Het plan noemt geen plaats voor deze workshop. Het portaal nam de gemeente van de "
        "casus als plaats.",
    )


PLAN_READINGS: tuple[PlanReading, ...] = (
    *(_case(slug, "costs", CASE_COST_COLUMNS, CASE_COST_YEARS) for slug in OT5_CASE_TABLE),
    # Towns added to cases from another table.
    _case(
        "onvoorzien-overige-cdor-casussen",
        "other_municipalities",
        "diverse casussen, w.o. Groningen, Den Haag, Purmerend, Beemster en Leiden",
        "Apeldoorn en Tilburg staan niet in de casustabel. Het portaal voegde ze toe uit rij 9 "
        "van de planning van OT5: 'Casussen vanuit de andere ontwikkelteams, vanuit "
        "Apeldoorn, Tilburg en mogelijk vanuit gemeenten die niet bij OT5 deelnemen'.",
    ),
    _case(
        "3d-kluitmodel-bomen",
        "other_municipalities",
        "(nog uit te werken opdracht door Amsterdam en Zoetermeer met mogelijke deelname "
        "www.cobra-groeninzicht.nl",
        "De casustabel van OT5 noemt geen gemeente bij deze casus. Het portaal nam Amsterdam "
        "en Zoetermeer over uit rij 2 van de planning van OT5.",
    ),
    _case(
        "zeven-stadsprojecten-west-blaak",
        "municipality",
        "7 stadsprojecten / West Blaak herinrichting",
        "De casustabel van OT5 noemt geen gemeente bij deze casus. Het portaal leest Rotterdam "
        "uit rij 7 van de planning van OT5: 'Irma Bergen Bravenboer (Rotterdam)'.",
    ),
    _contact(
        "3d-kluitmodel-bomen", 2, "Marco Scheffers (Amsterdam) en Lilian Harteveld (Zoetermeer)"
    ),
    _contact("pilot-enschede-infiltratiekansen", 3, "Marco Hoogvliet (Deltares)"),
    _contact("dordtse-buurtaanpak-componistenbuurt", 5, "Theo Santegoets (Dordtrecht)"),
    _contact(
        "koppelen-informatiemodellen-ondergrond",
        6,
        "Jan Pieter Eelants (CROW) John Driessen (COB) Eric Oosterom (Rioned)",
    ),
    _contact("zeven-stadsprojecten-west-blaak", 7, "Irma Bergen Bravenboer (Rotterdam)"),
    _contact("wijkatlas-liendert", 8, "Emmeke van Ulsen (Amersfoort)"),
    _contact("datagedreven-assetmanagement-zoetermeer", 1, "Lilian Harteveld (Zoetermeer)"),
    # A case made from a planning row.
    _case(
        "integraal-gebiedsplan-wallengebied",
        "",
        "Workshop – cases Amsterdam Integraal Gebiedsplan Het Wallengebied – vervanging "
        "bruggen/kademuren- gecombineerd met andere opgaven: perspectief data gedreven.",
        "De casustabel van OT5 heeft geen casus Wallengebied. Het portaal maakte deze casus uit "
        "rij 4 van de planning van OT5, zodat de workshop aan een casus hangt: zonder nummer "
        "in de tabel en zonder kosten.",
    ),
    # Links between a goal and a case, and between a planning row and a case.
    _activity(
        1,
        5,
        "cases",
        "Nu wordt een initiatief gestart over ontwerpen met algoritmen, zodat betere, integrale "
        "afwegingen kunnen worden gemaakt als het gaat om inpassingsvraagstukken. "
        "www.cob.nl/algoritmen.",
        "Het plan koppelt deze activiteit van doel B niet aan een casus. Het portaal koppelt "
        "haar aan casus 10 van OT5, 'Ontwerpen met algoritme (ondergronds)', omdat beide "
        "hetzelfde initiatief noemen.",
    ),
    _case(
        "ontwerpen-met-algoritme-ondergronds",
        "teams",
        "Ontwerpen met algoritme (ondergronds) Behoeften van koplopergemeenten bij het "
        "inpassen van ondergrondse kabels en leidingen",
        "De casustabel van OT5 noemt geen ander team bij deze casus. Het portaal zet OT1 erbij, "
        "omdat doel B van OT1 (innovatieontwikkeling) hetzelfde initiatief over ontwerpen met "
        "algoritmen noemt.",
    ),
    _activity(
        5,
        6,
        "cases",
        "In combi met casus 3 en mogelijk andere casussen: Operationele data-uitwisseling "
        "uitwisseling tussen stakeholders voor een betere controleerbare uitvoering "
        "ondergrondse activiteiten m.b.t. Kabels, Leidingen en rioleringen i.c.m. het gehele "
        "BOR domein (werknaam BORIUS)",
        "Het plan noemt bij deze rij alleen casus 3. Het portaal koppelt de rij ook aan casus 6 "
        "van OT5, 'Effectief koppelen informatiemodellen', die hetzelfde landelijke platform "
        "(Borius) noemt.",
    ),
    _activity(
        5,
        9,
        "cases",
        "Casussen vanuit de andere ontwikkelteams, vanuit Apeldoorn, Tilburg en mogelijk vanuit "
        "gemeenten die niet bij OT5 deelnemen: Groningen, Den Haag, Purmerend, Beemster en "
        "Leiden",
        "Het plan koppelt deze rij niet aan een casus. Het portaal koppelt haar aan casus 9 van "
        "OT5, 'Onvoorzien, w.o. bijdragen vanuit OT5 aan overige CDOR casussen', die dezelfde "
        "gemeenten noemt.",
    ),
    _activity(
        4,
        2,
        "start_month",
        "Start eind 2021",
        "Het plan noemt geen maand. Het portaal leest 'eind 2021' als vanaf oktober 2021, het "
        "laatste kwartaal.",
    ),
    # Years the plan does not name.
    _event("kernteam-2021-10-14", "date", KERNTEAM_14_OKTOBER, YEAR_OF_14_OKTOBER),
    _decision("uitgaven-2021", "date", KERNTEAM_14_OKTOBER, YEAR_OF_14_OKTOBER),
    _decision(
        "synchronisatie-werkprocessen",
        "date",
        "In datzelfde kernteam werd afgesproken om de werkprocessen van de ontwikkelteams "
        "beter te synchroniseren",
        "Het plan noemt geen datum. Het portaal neemt de datum van 'datzelfde kernteam': "
        "14 oktober, gelezen als 14 oktober 2021.",
    ),
    _decision(
        "uitgaven-2021",
        "budget_lines",
        KERNTEAM_14_OKTOBER,
        "Het plan noemt geen begrotingsregels bij het groen licht. Het portaal verbindt het "
        "besluit met de vier regels van 2021 met een bedrag (OT1, OT3, OT4 en OT5): 'Vier van "
        "de zes teams gaan in dit jaar al van start met de eerste activiteiten.'",
    ),
    _event(
        "atelier-3-2021-12",
        "date",
        "In november moet dit werkproces voor iedereen helder zijn zodat we op atelier 3 in "
        "december met deze werkwijze kunnen starten.",
        "Het plan noemt geen jaar. Het portaal leest december 2021: de afspraak komt uit het "
        "kernteam van 14 oktober (2021).",
    ),
    _event(
        "directeurenoverleg-2022-03-24",
        "date",
        "Het directeurenoverleg krijgt van ons op 24 maart een update van de ontwikkelteams en "
        "cases.",
        "Het plan noemt geen jaar. Het portaal leest 24 maart 2022: de eerste 24 maart na de "
        "planning van najaar 2021.",
    ),
    # Places the plan does not name.
    _workshop_place(
        "ot5-workshop-zoetermeer-2021-11",
        "Workshop Casus Zoetermeer: Experimenteren met datagedreven assetmanagement",
    ),
    _workshop_place(
        "ot5-workshop-enschede-2021-12",
        "Workshop/Kennisdeling: Infiltratiecapaciteit Enschede i.h.k.v. klimaatadaptatie",
    ),
    _workshop_place(
        "ot5-workshop-wallengebied-2021-01",
        "Workshop – cases Amsterdam Integraal Gebiedsplan Het Wallengebied",
    ),
    _workshop_place(
        "ot5-workshop-componistenbuurt-2022-02",
        "Workshop - casus integrale aanpak Componistenbuurt Dordrecht",
    ),
)


@transaction.atomic
def plan_readings_record(*, skip_missing: bool = False) -> list[PlanReading]:
    """Record every reading of ``PLAN_READINGS`` on its object; a reading already there is
    left as it is. Returns the readings whose object is not there (skipped).

    The seed records them right after its fixtures, where a missing object means the table
    and the fixtures disagree: the model's DoesNotExist is raised and nothing is kept. On a
    programme loaded before the readings existed (``skip_missing``), an object deleted
    since is skipped.
    """
    missing = []
    for row in PLAN_READINGS:
        model = apps.get_model(row.model)
        try:
            obj = model._default_manager.get_by_natural_key(*row.key)
        except model.DoesNotExist:
            if not skip_missing:
                raise
            missing.append(row)
            continue
        reading_record(obj=obj, field=row.field, plan_words=row.plan_words, reading=row.reading)
    return missing
