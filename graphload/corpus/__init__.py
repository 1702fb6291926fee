"""Reading paper collections into Paper records."""
from graphload.corpus.paper import Paper
from graphload.corpus.read import FORMATS, PaperSource, ReadReport, detect_format, read_papers

__all__ = ["FORMATS", "Paper", "PaperSource", "ReadReport", "detect_format", "read_papers"]
