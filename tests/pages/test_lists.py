"""The cases list and the partners list."""

import pytest
from django.urls import reverse

from partners.models import RelatedProgramme
from tests import roles
from tests.pages.helpers import DORDRECHT_CASE, dutch, table_with_caption
from tests.pages.paging import reachable


def test_case_list_has_totals_per_year(document_rows, client_as):
    response = client_as(roles.case_owner(roles.DORDRECHT)).get(reverse("case-list"))
    table = table_with_caption(response, dutch("Cases and their costs for the programme"))
    head, *body, foot = table["rows"]
    costs = dutch("Costs %(year)s")
    assert head[-2:] == [costs % {"year": 2021}, costs % {"year": 2022}]
    assert foot[-2:] == ["€ 40.000", "€ 250.000"]
    dordrecht = next(row for row in body if "Componistenbuurt" in row[1])
    assert dordrecht[0] == "Dordrecht"
    assert dordrecht[-2:] == ["€ 0", "€ 15.000"]


def test_case_detail(document_rows, client_as):
    response = client_as(roles.case_owner(roles.DORDRECHT)).get(
        reverse("case-detail", kwargs={"slug": DORDRECHT_CASE})
    )
    html = response.content.decode()
    assert "Componistenbuurt" in html
    assert "€ 15.000" in html
    assert f'href="{reverse("team-detail", kwargs={"number": 5})}"' in html


def test_case_pages_query_counts(one_of_each, client_as, django_assert_num_queries):
    client = client_as(roles.DIRECTOR)
    # session, user, roles, programme, teams and municipalities (the filter), count,
    # cases, teams, other municipalities, costs, totals, the readings of the plan
    with django_assert_num_queries(13):
        client.get(reverse("case-list"))
    # session, user, roles, programme, case, teams, other municipalities, owners, costs,
    # activities, events with teams, the readings of the plan, workshop bookings, open
    # requests for help; the history of the case and of its costs (only the seed's records
    # here, so no query for the records before them)
    with django_assert_num_queries(17):
        client.get(reverse("case-detail", kwargs={"slug": DORDRECHT_CASE}))


def test_partner_list_groups_by_team_and_filters(one_of_each, client_as):
    client = client_as(roles.CORE_TEAM)
    html = client.get(reverse("partner-list")).content.decode()
    assert '<label for="id_team">' in html
    assert reachable(client, reverse("partner-list"), "Test programme")
    filtered = client.get(reverse("partner-list"), {"team": 4}).content.decode()
    assert "Test programme" not in filtered
    filtered = client.get(reverse("partner-list"), {"team": 5}).content.decode()
    assert "Test programme" in filtered
    assert 'id="team-5"' in filtered and 'id="team-4"' not in filtered


@pytest.mark.parametrize("value", ["99", "abc"])
def test_partner_filter_with_a_bad_team_shows_an_error_and_everything(
    one_of_each, client_as, value
):
    response = client_as(roles.CORE_TEAM).get(reverse("partner-list"), {"team": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'id="team-1"' in html  # the filter is left out: every team's rows
    assert reachable(
        client_as(roles.CORE_TEAM), reverse("partner-list"), "Test programme", {"team": value}
    )
    assert RelatedProgramme.objects.exists()


def test_partner_list_query_count(one_of_each, client_as, django_assert_num_queries):
    client = client_as(roles.DIRECTOR)
    # session, user, roles, programme, teams, count, related programmes, contacts
    with django_assert_num_queries(8):
        client.get(reverse("partner-list"), {"team": 5})
