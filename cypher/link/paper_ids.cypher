// Read every paper id: papers with no entity still count in N
// Parameters: none
MATCH (p:Paper) RETURN p.id AS id
