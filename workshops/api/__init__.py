"""The REST API of the workshops app (see citydeal/api_urls.py)."""
