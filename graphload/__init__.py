"""graphload: research-paper abstracts -> a Neo4j knowledge graph."""
__version__ = "0.1.0"
