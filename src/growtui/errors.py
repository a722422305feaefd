"""The one error type a user sees: a single line, never a traceback."""


class GrowtuiError(Exception):
    """A problem the user can act on; str(error) is the whole message."""
