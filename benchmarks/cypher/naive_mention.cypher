// Naive loader (benchmark baseline): one mention, one MERGE of entity and relationship
// Used only by benchmarks/load_speed.py.
// Parameters: $paper_id, $type, $key, $name
MATCH (p:Paper {id: $paper_id})
MERGE (e:Entity {key: $key, type: $type})
ON CREATE SET e.name = $name
MERGE (p)-[:MENTIONS]->(e)
