// Read the paper-entity incidence the links are computed from
// Parameters: none
MATCH (p:Paper)-[m:MENTIONS]->(e:Entity)
RETURN p.id AS paper_id, e.type + ':' + e.key AS uid, coalesce(m.introduced, false) AS introduced
