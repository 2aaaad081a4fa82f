"""The REST API of the cases app (see citydeal/api_urls.py)."""
