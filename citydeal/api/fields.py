"""Fields the apps' serializers share."""

from decimal import Decimal

from rest_framework import serializers

from citydeal.programme import programme_current


class ProgrammeRelatedField(serializers.PrimaryKeyRelatedField):
    """An id of an object of the current programme (the one the portal shows).

    An id of another programme's object is "does not exist", as an unknown one is.
    ``programme_path`` is the lookup from the model to its programme.
    """

    def __init__(self, *, programme_path: str = "programme", **kwargs):
        self.programme_path = programme_path
        super().__init__(**kwargs)

    def get_queryset(self):
        # The view's programme, read once per request (PortalViewSet.programme), not once
        # per field; outside a portal view the current programme.
        programme = getattr(self.context.get("view"), "programme", None) or programme_current()
        return super().get_queryset().filter(**{self.programme_path: programme})


class MoneyField(serializers.DecimalField):
    """A DecimalField that refuses "1_000" (Python's Decimal reads it as 1000)."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "_" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


def money_field(*, minimum: str = "0", maximum: Decimal, **kwargs) -> serializers.DecimalField:
    """Euros with two decimals, as a string in JSON ("50000.00"); more decimals, more
    digits, NaN, infinity or underscores ("1_000") are a 400 naming the field."""
    return MoneyField(
        max_digits=10,
        decimal_places=2,
        min_value=Decimal(minimum),
        max_value=maximum,
        **kwargs,
    )
