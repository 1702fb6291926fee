"""The cypher/ files ship inside the wheel and are found from an installed package."""
import subprocess
import sys
import venv
import zipfile

import pytest

from graphload.store.cypherfiles import cypher_statements, cypher_text, list_cypher

pytestmark = pytest.mark.slow
ROOT = __import__("pathlib").Path(__file__).parent.parent


def test_cypher_found_in_checkout():
    assert cypher_statements("ping.cypher") == ["RETURN 1 AS ok"]
    assert "ping.cypher" in list_cypher(".")


def test_cypher_found_in_installed_wheel(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True)
    [wheel] = (tmp_path / "dist").glob("graphload-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    assert "graphload/cypher/admin/reset.cypher" in shipped and "graphload/cypher/load/papers.cypher" in shipped
    assert not [name for name in shipped if "/bench/" in name or "/stats/" in name]
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    out = subprocess.run([python, "-c", "from graphload.store.cypherfiles import cypher_dir, cypher_text; "
                          "print(cypher_dir()); print(cypher_text('ping.cypher'))"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "site-packages/graphload/cypher" in out.splitlines()[0]
    assert out.strip().endswith(cypher_text("ping.cypher").strip())
