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


class UsageError(GraphloadError):
    """An option or parameter has a value that cannot work (a bad URI, a --param of the wrong type,
    an output folder that does not exist); the CLI exits 2, as for any usage mistake."""


def check_output_path(path, option: str) -> None:
    """UsageError when a file cannot be written at `path` because its folder is missing or it is a folder,
    so a command says so before its work, not after it ("-" is stdout and always fine)."""
    from pathlib import Path

    if str(path) == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option} {target}: that is a folder; give a file name inside it")
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"{option} {target}: the folder {folder} does not exist; create it "
                         f"(mkdir -p {folder}) or write somewhere else")


def write_failed(path, exc: OSError, option: str) -> GraphloadError:
    """The one line for an output file that cannot be written (disk full, no permission, ...)."""
    return GraphloadError(f"cannot write {path}: {exc.strerror or exc}; check the free space and the permissions "
                          f"there, or write somewhere else with {option}")
