"""The REST API of the teams app (see citydeal/api_urls.py)."""
