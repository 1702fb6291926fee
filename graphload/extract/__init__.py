"""Finding methods, datasets, metrics and repos in papers (spaCy, rule-based)."""
from graphload.extract.keys import entity_key
from graphload.extract.pipeline import Extractor, build_pipeline, extract_papers
from graphload.graph import ENTITY_TYPES

__all__ = ["ENTITY_TYPES", "Extractor", "build_pipeline", "entity_key", "extract_papers"]
