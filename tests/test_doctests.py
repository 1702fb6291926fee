"""The examples in the package's docstrings are true: each module's doctests run and pass
(examples that need a server are marked to be shown, not run)."""
import doctest
import importlib
import pkgutil

import pytest

import graphload

MODULES = sorted(m.name for m in pkgutil.walk_packages(graphload.__path__, "graphload.")
                 if not m.name.endswith("__main__"))  # importing it runs the CLI


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples in {name} failed"


def test_the_examples_are_found():
    attempted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in MODULES)
    assert attempted >= 50
