package postgres

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// interpretError turns a pgx error into a domain error where one applies: no rows is
// domain.ErrNotFound, a unique violation domain.ErrDuplicate; anything else is wrapped.
func interpretError(err error) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return domain.ErrNotFound
	case errors.As(err, &pgErr) && pgErr.Code == uniqueViolation:
		return fmt.Errorf("%w: %s", domain.ErrDuplicate, pgErr.ConstraintName)
	default:
		return fmt.Errorf("postgres: %w", err)
	}
}

// markPermanent marks with app.ErrPermanent an error of PostgreSQL refusing the data itself — a
// data exception (class 22: a NUL byte in text, a value out of range) or an integrity constraint
// violation (class 23) — which the same update would meet on every try.
func markPermanent(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (strings.HasPrefix(pgErr.Code, "22") || strings.HasPrefix(pgErr.Code, "23")) && !errors.Is(err, app.ErrPermanent) {
		return fmt.Errorf("%w: %w", app.ErrPermanent, err)
	}
	return err
}

// uniqueViolation is the SQLSTATE of a unique constraint violation.
const uniqueViolation = "23505"
