// Take the :Relink label off the entities this relink read, if no load marked them again
// since (load/stale_mentions.cypher counts its marks in relink_mark; an entity it marks
// while this relink runs keeps the label for the next relink)
// Parameters: $rows (list of maps: type, key, relink_mark: as read, or null)
UNWIND $rows AS row
MATCH (e:Entity:Relink {key: row.key})
WHERE e.type = row.type AND coalesce(e.relink_mark, 0) = coalesce(row.relink_mark, 0)
REMOVE e:Relink, e.relink_mark
