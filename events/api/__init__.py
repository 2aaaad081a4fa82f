"""The REST API of the events app (see citydeal/api_urls.py)."""
