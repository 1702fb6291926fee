"""Finding methods, datasets, metrics and repos in papers (spaCy, rule-based)."""
from graphload.extract.keys import entity_key
from graphload.extract.learned import Lexicon, learn_lexicon
from graphload.extract.pipeline import Extractor, build_pipeline, extract_papers, extract_partition, learn
from graphload.graph import ENTITY_TYPES

__all__ = ["ENTITY_TYPES", "Extractor", "Lexicon", "build_pipeline", "entity_key", "extract_papers",
           "extract_partition", "learn", "learn_lexicon"]
