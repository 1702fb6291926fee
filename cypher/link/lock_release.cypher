// Release the link lock (only the holder can)
// Parameters: $name, $holder
MATCH (l:GraphloadLock {name: $name})
WHERE l.holder = $holder
SET l.holder = null, l.expires = null
