// Ping: checks the server answers a query
RETURN 1 AS ok
