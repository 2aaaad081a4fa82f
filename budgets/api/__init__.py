"""The REST API of the budgets app (see citydeal/api_urls.py)."""
