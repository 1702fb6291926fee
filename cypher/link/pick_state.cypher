// Write each paper's pick state: how many pairs it picks (its SHARES_ENTITY links whose
// chosen_by holds it) and its lowest pick, the rank score as stored and the partner (null
// when it picks none: the properties go). The incremental relink decides from them whether a
// new pair enters the paper's top-k without reading its links.
// Parameters: $rows (list of maps: id, picks, pick_floor, pick_floor_with)
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
SET p.picks = row.picks, p.pick_floor = row.pick_floor, p.pick_floor_with = row.pick_floor_with
