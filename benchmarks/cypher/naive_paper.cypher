// Naive loader (benchmark baseline): one paper, one statement
// What most scripts do: a transaction per paper. Used only by benchmarks/load_speed.py.
// Parameters: $id, $title, $abstract
MERGE (p:Paper {id: $id})
SET p.title = $title, p.abstract = $abstract
