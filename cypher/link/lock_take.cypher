// Take the write lock of the link lock node, so the claim that follows in the same
// transaction reads its holder after any other claim has committed
// Parameters: $name
MERGE (l:GraphloadLock {name: $name})
SET l.touched = datetime()
