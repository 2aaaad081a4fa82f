"""The REST API of the partners app (see citydeal/api_urls.py)."""
