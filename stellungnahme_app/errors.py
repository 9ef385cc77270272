"""The exception family of the core.

Every error a user can cause or meet (a malformed file, a locked target, a missing program)
is a :class:`StellungnahmeError` carrying a German text fit to be shown as is. Anything else
that escapes is a bug: it is logged with its traceback and the user sees a general message.
"""


class StellungnahmeError(Exception):
    """Base class: ``str(error)`` is a complete German sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ExchangeFormatError(StellungnahmeError):
    """A ``stellungnahme/1`` file cannot be read: syntax, version, keys or types."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ExportError(StellungnahmeError):
    """The document could not be written or converted."""


class TemplateError(StellungnahmeError):
    """A Word template is unusable: Jinja syntax, forbidden access, missing placeholders."""


class ConfigError(StellungnahmeError):
    """A configuration or catalogue file is damaged."""


class StoreError(StellungnahmeError):
    """The local draft database cannot do what was asked."""
