"""Writes of the partners app: a team lead keeps the team's related programmes current."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from citydeal.historical import save_with_history
from citydeal.permissions import can_manage_reference_data
from citydeal.services import assign, ensure_allowed, links_differ
from partners.models import Contact, Organisation, RelatedProgramme
from partners.permissions import can_edit_related_programme
from teams.models import Goal

_LETTER_SEPARATORS = re.compile(r"[/,;\s]+")


def goal_letters_check(*, team_id: int, goal_letters: str) -> None:
    """Every letter in "A/B" must be the letter of one of the team's goals."""
    letters = [part for part in _LETTER_SEPARATORS.split(goal_letters) if part]
    known = {
        letter.upper()
        for letter in Goal.objects.filter(team_id=team_id).values_list("letter", flat=True)
    }
    unknown = [letter for letter in letters if letter.upper() not in known]
    if unknown:
        raise ValidationError(
            _("The team has no goal %(letters)s. Its goals are: %(known)s.")
            % {"letters": ", ".join(unknown), "known": ", ".join(sorted(known)) or "—"}
        )


@transaction.atomic
def related_programme_update(
    *,
    related_programme: RelatedProgramme,
    by: User,
    name: str,
    knowledge_partner: Organisation | None,
    knowledge_partner_text: str,
    subject: str,
    goal_letters: str,
    remark: str,
    position: str,
    contacts: list[Contact],
) -> RelatedProgramme:
    """Change a row of the team's table of related national programmes."""
    row = (
        RelatedProgramme.objects.select_for_update()
        .select_related("team")
        .get(pk=related_programme.pk)
    )
    ensure_allowed(can_edit_related_programme(by, row))
    try:
        goal_letters_check(team_id=row.team_id, goal_letters=goal_letters)
    except ValidationError as error:
        raise ValidationError({"goal_letters": error.messages}) from error
    changed = assign(
        row,
        name=name.strip(),
        knowledge_partner=knowledge_partner,
        knowledge_partner_text=knowledge_partner_text.strip(),
        subject=subject.strip(),
        goal_letters=goal_letters.strip(),
        remark=remark.strip(),
        position=position,
    )
    contacts_changed = links_differ(row, contacts=contacts)
    if changed or contacts_changed:
        row.full_clean()
        save_with_history(row, by=by, links={"contacts": contacts} if contacts_changed else None)
    return row


@transaction.atomic
def organisation_save(
    *, organisation: Organisation | None, by: User, name: str, website: str
) -> Organisation:
    """Add an organisation (``organisation`` None) or change one: reference data."""
    ensure_allowed(can_manage_reference_data(by))
    created = organisation is None
    if created:
        organisation = Organisation()
    else:
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if assign(organisation, name=name.strip(), website=website.strip()) or created:
        organisation.full_clean()
        save_with_history(organisation, by=by, created=created)
    return organisation


@transaction.atomic
def contact_save(
    *,
    contact: Contact | None,
    by: User,
    name: str,
    organisation: Organisation | None,
    email: str,
) -> Contact:
    """Add a contact person (``contact`` None) or change one: reference data."""
    ensure_allowed(can_manage_reference_data(by))
    created = contact is None
    contact = Contact() if created else Contact.objects.select_for_update().get(pk=contact.pk)
    changed = assign(contact, name=name.strip(), organisation=organisation, email=email.strip())
    if changed or created:
        contact.full_clean()
        save_with_history(contact, by=by, created=created)
    return contact
