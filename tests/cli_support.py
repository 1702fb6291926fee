"""What the CLI tests share: running a command in-process, and the options that name a server."""
from typer.testing import CliRunner

from graphload.cli import app

runner = CliRunner()


def invoke(*args, env=None):
    """Run `graphload ARGS...` in this process; the result has exit_code and output.
    Help is laid out 200 columns wide, so a phrase is not broken by the table's borders."""
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", "TERMINAL_WIDTH": "200", **(env or {})})


def connection(settings) -> list[str]:
    """The connection options for a Neo4jSettings."""
    return ["--uri", settings.uri, "--user", settings.user, "--password", settings.password,
            "--database", settings.database]
