"""What a run tells the user about links: the hubs held back, and no driver retry chatter
on a quiet run's stderr."""
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphload.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "graph" / "corpus.jsonl"


@pytest.mark.neo4j
def test_the_summary_names_the_hubs(neo4j_db, neo4j_settings):
    s = neo4j_settings
    result = CliRunner().invoke(app, ["load", str(FIXTURE), "--uri", s.uri, "--user", s.user, "--password",
                                      s.password, "--database", s.database, "--max-df", "3"])
    assert result.exit_code == 0, result.output
    assert "held back as hubs (in more than 3 papers, no SHARES_ENTITY links): Hub (5)" in " ".join(
        result.output.split())


def test_driver_retry_warnings_show_only_with_verbose():
    # What the driver does when it retries a deadlocked transaction: a warning on its logger.
    retry = "logging.getLogger('neo4j.work').warning('Transaction failed and will be retried in 1.0s')"
    for verbose in (False, True):
        code = ("import logging; from graphload.cli import main; "
                f"main(quiet=False, verbose={verbose}, json_output=False); {retry}")
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert ("will be retried" in run.stderr) is verbose
