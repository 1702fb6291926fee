// Wait until every index is online (a fresh schema populates them in the background, e.g. the
// full-text index over 1M papers' abstracts after an import: a minute of a core)
// Parameters: $seconds (how long to wait at most)
CALL db.awaitIndexes($seconds)
