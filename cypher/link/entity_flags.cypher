// Write what the link policy decided for each entity
// specificity: type prior x name form, in [0, 1]; linking: whether sharing it can link
// two papers; hub: in more papers than the hub limit (graphload/graph.py).
// Parameters: $rows (list of maps: type, key, specificity, linking, hub)
UNWIND $rows AS row
MATCH (e:Entity {key: row.key}) WHERE e.type = row.type
SET e.specificity = row.specificity, e.linking = row.linking, e.hub = row.hub
