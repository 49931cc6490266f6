package app

import "context"

// deleteInBatches runs del, one unit of work per batch of at most batch rows, until a batch comes
// back short or ctx ends, and returns how many rows it deleted in all (also when it fails: the
// batches before the failure were committed).
func deleteInBatches(ctx context.Context, uow UnitOfWork, batch int, del func(ctx context.Context, r Repos) (int, error)) (int, error) {
	total := 0
	for {
		var n int
		err := uow.Do(ctx, func(ctx context.Context, r Repos) error {
			var err error
			n, err = del(ctx, r)
			return err
		})
		total += n
		if err != nil || n < batch || ctx.Err() != nil {
			return total, err
		}
	}
}
