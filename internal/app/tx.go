package app

import (
	"context"
	"fmt"
)

// InTx runs fn in one unit of work and returns what it found; a failure comes back wrapped once
// with what names the use case ("rename file 7: ..."), so each use case wraps in one place.
func InTx[T any](ctx context.Context, uow UnitOfWork, what string, fn func(ctx context.Context, r Repos) (T, error)) (T, error) {
	var res T
	err := uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		res, err = fn(ctx, r)
		return err
	})
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return res, nil
}

// DoTx is InTx for a use case that returns nothing but its error.
func DoTx(ctx context.Context, uow UnitOfWork, what string, fn func(ctx context.Context, r Repos) error) error {
	if err := uow.Do(ctx, fn); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// inTx and doTx are InTx and DoTx for this package's use cases (the sub-packages call the
// exported ones).
func inTx[T any](ctx context.Context, uow UnitOfWork, what string, fn func(ctx context.Context, r Repos) (T, error)) (T, error) {
	return InTx(ctx, uow, what, fn)
}

func doTx(ctx context.Context, uow UnitOfWork, what string, fn func(ctx context.Context, r Repos) error) error {
	return DoTx(ctx, uow, what, fn)
}
