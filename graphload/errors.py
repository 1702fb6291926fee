"""Named errors. The library raises these with a message that says what is
wrong and how to fix it; the CLI prints that one line and exits 1."""


class GraphloadError(Exception):
    """Base class of every error graphload reports to a user."""


class InputError(GraphloadError):
    """An input file cannot be read (missing, binary, unknown format, --strict)."""


class ExtractError(GraphloadError):
    """The spaCy pipeline or a pattern file cannot be set up."""


class ConnectionFailed(GraphloadError):
    """Neo4j cannot be reached, refuses the credentials or lacks the database."""


class QueryError(GraphloadError):
    """A prepared query is unknown, or its parameters are wrong."""
