// Write what the link policy decided for each entity
// specificity: type prior x name form, in [0, 1]; linking: whether sharing it can link
// two papers; hub: in more papers than the hub limit; evidence: specificity x rarity, what
// sharing it adds to a pair's score (0 when it does not link), kept until the next full
// rebuild (graphload/graph.py, evidence_between_rebuilds).
// Parameters: $rows (list of maps: type, key, specificity, linking, hub, evidence)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key}) WHERE e.type = row.type
SET e.specificity = row.specificity, e.linking = row.linking, e.hub = row.hub, e.evidence = row.evidence
