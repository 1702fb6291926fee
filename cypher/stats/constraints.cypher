// Constraints and indexes present, for graphload doctor
// Parameters: none
SHOW CONSTRAINTS YIELD name RETURN name
UNION
SHOW INDEXES YIELD name RETURN name
