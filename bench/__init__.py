"""The measurement command of the portal's performance: ``bench/run.py`` (see README.md)."""
