// Count the papers (not the stubs): N, which the link maths' rarity and hub limit rest on
// Parameters: none
MATCH (p:Paper {stub: false})
RETURN count(p) AS papers
