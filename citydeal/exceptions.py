"""Refusals that every layer shares."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """The input is fine, but what exists refuses it (the API answers 409).

    A subclass says what the body of the answer carries besides ``detail`` and ``code``
    in ``conflict_fields``.
    """

    code_name = "conflict"

    def conflict_fields(self) -> dict[str, str]:
        return {}

    def conflict_body(self) -> dict[str, str]:
        return {"detail": self.messages[0], "code": self.code_name, **self.conflict_fields()}
