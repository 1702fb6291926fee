// Take the :Relink label off the papers this relink read, if still in the version it read
// (a paper written again meanwhile keeps it for the next relink)
// Parameters: $rows (list of maps: id, run_id)
UNWIND $rows AS row
MATCH (p:Paper:Relink {id: row.id})
WHERE p.run_id = row.run_id
REMOVE p:Relink
