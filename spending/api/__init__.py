"""The REST API of the spending app (see citydeal/api_urls.py)."""
