"""Who may end API tokens."""

from django.utils.translation import gettext_lazy as _

from citydeal.verdicts import ALLOWED, Verdict, active, deny, is_functional_admin


def can_revoke_api_tokens(user, owner) -> Verdict:
    """End API tokens: one's own, or anyone's for the functional admin."""
    if active(user) and (user.pk == owner.pk or is_functional_admin(user)):
        return ALLOWED
    return deny(_("Only the owner of the tokens and the functional admin can revoke them."))
