// Write stub papers: works cited (or citing) that the collection does not hold
// A stub holds only its ids; loading the full record later MERGEs onto it (load/papers.cypher
// sets stub = false). An existing full paper is never turned into a stub.
// Parameters: $rows (list of maps: id, ids)
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
ON CREATE SET p.stub = true
WITH p, row
WHERE p.stub
SET p.ids = row.ids
