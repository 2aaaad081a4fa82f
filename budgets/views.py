"""Budget pages: the budget tables show on the overview and the team pages."""
