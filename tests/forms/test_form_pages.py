"""Every form page shows a failed save the same way: one error summary (focus target,
each error linking to its field), each field's message beside it and named by the
input's aria-describedby, amounts in messages the Dutch way ("€ 0,01")."""

import importlib
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings
from django.forms import BaseForm
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from accounts.models import User
from budgets.models import BudgetLine
from tests.permissions.test_matrix import MATRIX, ROLES, Subjects

pytestmark = pytest.mark.django_db

BIDI = "\u202e"  # refused by every text, amount, date and choice field


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.summary_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "div" and "data-error-summary" in attrs:
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        elif self._in_summary and tag == "a":
            self.summary_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1


def parse(response) -> Tags:
    tags = Tags()
    tags.feed(response.content.decode())
    return tags


def _spoilt(data: dict) -> dict:
    return {name: f"{value}{BIDI}" for name, value in data.items()}


def _form_pages():
    """(name, url name, role, kwargs, invalid POST data): each page with a form."""
    pages = []
    for name, row in sorted(MATRIX.items()):
        if row.post is not None:
            role = sorted(row.allowed - {"anonymous"})[0]
            pages.append(
                pytest.param(name, role, row.kwargs, lambda s, r=row: _spoilt(r.post(s)), id=name)
            )
    pages += [
        pytest.param(
            "spending-create",
            "team_lead_this",
            lambda s: {},
            lambda s: {"budget_line": s.budget_line.pk, "title": "", "amount": "0"},
            id="spending-create",
        ),
        pytest.param(
            "spending-realise",
            "core_team",
            MATRIX["spending-realise"].kwargs,
            lambda s: {"realise-actual_amount": "abc", "realise-realised_on": "x"},
            id="spending-realise",
        ),
        pytest.param(
            "spending-reject",
            "core_team",
            MATRIX["spending-reject"].kwargs,
            lambda s: {"decide-note": BIDI},
            id="spending-reject",
        ),
        pytest.param(
            "spending-submit",
            "team_lead_this",
            MATRIX["spending-submit"].kwargs,
            lambda s: {"note": BIDI},
            id="spending-submit",
        ),
        pytest.param(
            "password_change",
            "core_team",
            lambda s: {},
            lambda s: {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
            id="password_change",
        ),
        pytest.param("login", "anonymous", lambda s: {}, lambda s: {"username": "x"}, id="login"),
    ]
    return pages


@pytest.mark.parametrize(("name", "role", "kwargs", "invalid"), _form_pages())
def test_a_failed_save_shows_the_summary_and_each_message_beside_its_field(
    client, name, role, kwargs, invalid
):
    subjects = Subjects()
    if ROLES[role]:
        client.force_login(User.objects.get(username=ROLES[role]))
    response = client.post(reverse(name, kwargs=kwargs(subjects)), invalid(subjects))

    assert response.status_code in (200, 400)
    tags = parse(response)
    summaries = [a for t, a in tags.tags if "data-error-summary" in a]
    assert len(summaries) == 1, "one error summary"
    (summary,) = summaries
    assert (summary.get("role"), summary.get("tabindex")) == ("alert", "-1")
    ids = {a["id"] for _t, a in tags.tags if "id" in a}
    messages = [a["id"] for _t, a in tags.tags if a.get("id", "").endswith("-error")]
    assert messages, "a message beside at least one field"
    inputs = [a for t, a in tags.tags if t in ("input", "select", "textarea")]
    for message_id in messages:
        described = [a for a in inputs if message_id in a.get("aria-describedby", "").split()]
        assert described, f"no input names {message_id} in aria-describedby"
        assert all(a.get("aria-invalid") == "true" for a in described)
    # every link of the summary leads to a field of the page, one per message at least
    assert len(tags.summary_links) >= len(messages)
    for link in tags.summary_links:
        assert link.startswith("#") and link[1:] in ids, f"{link} leads nowhere"
    # nothing names an element that is not there
    for a in inputs:
        for described_id in a.get("aria-describedby", "").split():
            assert described_id in ids, f"aria-describedby names a missing {described_id}"


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "role", "expected"),
    [
        pytest.param(
            "spending-create",
            lambda s: {},
            lambda s: {"budget_line": s.budget_line.pk, "title": "Iets", "amount": "0"},
            "team_lead_this",
            "€ 0,01",
            id="request-at-least",
        ),
        pytest.param(
            "spending-realise",
            MATRIX["spending-realise"].kwargs,
            lambda s: {
                "realise-actual_amount": "100000000",
                "realise-realised_on": "2021-12-01",
            },
            "core_team",
            "€ 99.999.999,99",
            id="realise-at-most",
        ),
        pytest.param(
            "budget-line-edit",
            MATRIX["budget-line-edit"].kwargs,
            lambda s: {"amount": "-1", "main_activities": "x"},
            "core_team",
            "€ 0,00",
            id="budget-line-at-least",
        ),
    ],
)
def test_amounts_in_messages_are_written_the_dutch_way(client, name, kwargs, data, role, expected):
    subjects = Subjects()
    client.force_login(User.objects.get(username=ROLES[role]))
    response = client.post(reverse(name, kwargs=kwargs(subjects)), data(subjects))
    html = response.content.decode()
    assert expected in html
    assert "0.01" not in html and "99999999.99" not in html


def test_the_portal_script_is_included_on_every_page(client):
    response = client.get(reverse("login"))
    assert 'src="/static/js/portal.js"' in response.content.decode()


def _declared_fields():
    """(form, field name, label) of every form of the portal's apps."""
    for app in apps.get_app_configs():
        if not app.path.startswith(str(settings.BASE_DIR)) or "site-packages" in app.path:
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for form in vars(module).values():
            if (
                isinstance(form, type)
                and issubclass(form, BaseForm)
                and form.__module__ == module.__name__
            ):
                for name, field in form.base_fields.items():
                    yield form.__name__, name, field.label


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_field_label_starts_with_a_capital(language):
    """A label starts the line beside its box and the line in the error summary."""
    with translation.override(language):
        labels = [(form, name, str(label)) for form, name, label in _declared_fields() if label]
        assert len(labels) > 30  # the forms were found
        assert [(form, name, label) for form, name, label in labels if label[0].islower()] == []


def test_the_error_summary_starts_each_line_with_a_capital(client):
    """The budget line's amount: "bedrag" in the model, "Bedrag" where users read it."""
    subjects = Subjects()
    client.force_login(User.objects.get(username=ROLES["core_team"]))
    url = reverse("budget-line-edit", kwargs=MATRIX["budget-line-edit"].kwargs(subjects))
    with translation.override(None):
        response = client.post(url, {"amount": "-1", "main_activities": "x"})
    assert response.status_code == 200
    summary = parse(response)
    html = response.content.decode()
    assert summary.summary_links == ["#id_amount"]
    with translation.override("nl"):
        label = str(BudgetLine._meta.get_field("amount").verbose_name)
    assert label[0].islower()  # the model's name, as Django writes verbose names
    assert f'<a href="#id_amount">{capfirst(label)}: ' in html
    assert f'<label for="id_amount">{capfirst(label)}' in html
