"""The programme the seed loads and the portal shows unless ``PORTAL_PROGRAMME`` says another."""

PROGRAMME_SLUG = "cdor"
