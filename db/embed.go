// Package db holds File Keeper's SQL: the migrations, embedded into the binary, and the sqlc queries.
package db

import "embed"

// Migrations are the golang-migrate migrations, e.g. migrations/000001_init.up.sql.
//
//go:embed migrations/*.sql
var Migrations embed.FS
