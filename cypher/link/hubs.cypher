// Read the entities held back as hubs, most papers first
// Parameters: none
MATCH (e:Entity {hub: true})
RETURN e.type AS type, e.name AS name, e.paper_count AS paper_count
ORDER BY paper_count DESC, type, name
