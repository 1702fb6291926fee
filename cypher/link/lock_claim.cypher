// Claim the link lock: free, ours, or its lease ran out (a run that died holding it)
// Runs in the transaction of link/lock_take.cypher, after it.
// Parameters: $name, $holder (run id), $lease_seconds
MATCH (l:GraphloadLock {name: $name})
WITH l, (l.holder IS NULL OR l.holder = $holder OR l.expires < datetime()) AS free
CALL (l, free) {
  WITH l WHERE free
  SET l.holder = $holder, l.expires = datetime() + duration({seconds: $lease_seconds})
}
RETURN free, l.holder AS holder
