"""Reading paper collections into Paper records."""
from graphload.corpus.paper import Paper

__all__ = ["Paper"]
