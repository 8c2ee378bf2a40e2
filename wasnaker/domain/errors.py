"""Errors users see as one clear line. Raising any of them leaves the database unchanged."""


class WasnakerError(Exception):
    """Base for every error caused by input; the CLI prints it and exits non-zero. `indonesian`, when set, is the
    same refusal in the words the web pages show."""

    indonesian: str | None = None


class NotFound(WasnakerError):
    pass


class UnknownTrigger(WasnakerError):
    pass


class TriggerNotAllowed(WasnakerError):
    pass


class RoleNotAllowed(WasnakerError):
    pass


class GuardFailed(WasnakerError):
    pass


class InvalidData(WasnakerError):
    pass


class FutureDate(InvalidData):
    pass


class Conflict(WasnakerError):
    pass


class CaseChanged(Conflict):
    """Someone else acted on the case after this act (or the form it came from) read it."""


class DatabaseUnavailable(WasnakerError):
    """The database could not be reached, or stayed busy, during a unit of work: it was rolled back whole, and
    the same act can simply be tried again."""


def worded(error: WasnakerError, indonesian: str) -> WasnakerError:
    """The error carrying the Indonesian words the web pages show for it."""
    error.indonesian = indonesian
    return error
