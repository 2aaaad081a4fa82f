"""The REST API of the activities app (see citydeal/api_urls.py)."""
