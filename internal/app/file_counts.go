package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// FileCounts tells how many files a user keeps of each kind.
type FileCounts struct {
	uow UnitOfWork
}

// NewFileCounts builds the FileCounts use case.
func NewFileCounts(uow UnitOfWork) FileCounts { return FileCounts{uow: uow} }

// KindCounts is the number of live files per kind, and in all.
type KindCounts struct {
	ByKind  map[domain.Kind]int
	Total   int
	Trashed int // files in the trash, not part of Total
}

// Handle counts the owner's files.
func (h FileCounts) Handle(ctx context.Context, ownerID int64) (KindCounts, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("count files of user %d", ownerID), func(ctx context.Context, r Repos) (KindCounts, error) {
		counts, err := r.Files.CountByKind(ctx, ownerID)
		if err != nil {
			return KindCounts{}, err
		}
		res := KindCounts{ByKind: make(map[domain.Kind]int, len(counts))}
		if res.Trashed, err = r.Files.CountTrashed(ctx, ownerID); err != nil {
			return KindCounts{}, err
		}
		for k, n := range counts {
			res.ByKind[k] = n
			res.Total += n
		}
		return res, nil
	})
}
