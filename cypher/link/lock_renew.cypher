// Renew the link lock's lease while the rebuild runs
// Parameters: $name, $holder, $lease_seconds
MATCH (l:GraphloadLock {name: $name})
WHERE l.holder = $holder
SET l.expires = datetime() + duration({seconds: $lease_seconds})
RETURN count(l) AS held
