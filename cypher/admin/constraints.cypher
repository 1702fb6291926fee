// Constraints and indexes present, for graphload doctor (two statements)
// Parameters: none
SHOW CONSTRAINTS YIELD name RETURN name;
SHOW INDEXES YIELD name RETURN name;
