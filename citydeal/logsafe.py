"""Values typed by visitors go into the security log escaped, so they cannot forge lines."""


def log_safe(value) -> str:
    """The value as text with line breaks and other control characters escaped."""
    text = str(value)
    if text.isprintable():
        return text
    return text.encode("unicode_escape").decode("ascii")
