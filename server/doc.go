// Package server is Karta's wiring: configuration from flags and environment,
// storage (SQLite by default, PostgreSQL with DATABASE_URL; bounded pools,
// named prepared statements cached per PostgreSQL connection, reads through
// server/snapshot, versioned migrations applied under a lock
// by Migrate), HTTP middleware
// (CORS, body limit, request deadline, logging) and graceful shutdown. It
// holds no business logic.
package server
