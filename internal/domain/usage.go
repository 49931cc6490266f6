package domain

import "fmt"

// Usage is what a user keeps: every stored file counts towards the quotas (the trash too, until
// it is purged); ByKind counts live files only.
type Usage struct {
	Files  int
	Bytes  int64
	ByKind map[Kind]KindUsage
}

// KindUsage is the number and total size of a user's live files of one kind.
type KindUsage struct {
	Files int
	Bytes int64
}

// Quota names a per-user limit.
type Quota string

// The quotas.
const (
	QuotaFiles Quota = "files"
	QuotaBytes Quota = "bytes"
)

// QuotaError refuses a file past a per-user quota, telling the limit and how much is used; it
// matches ErrQuotaExceeded.
type QuotaError struct {
	Quota Quota
	Limit int64
	Used  int64
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("%s quota of %d reached (%d used)", e.Quota, e.Limit, e.Used)
}

// Is makes errors.Is(err, ErrQuotaExceeded) true for every QuotaError.
func (e *QuotaError) Is(target error) bool { return target == ErrQuotaExceeded }

// Add counts files of kind k totalling bytes: towards the totals always, towards ByKind when
// they are live (not in the trash).
func (u *Usage) Add(k Kind, files int, bytes int64, live bool) {
	u.Files += files
	u.Bytes += bytes
	if !live {
		return
	}
	if u.ByKind == nil {
		u.ByKind = map[Kind]KindUsage{}
	}
	ku := u.ByKind[k]
	ku.Files += files
	ku.Bytes += bytes
	u.ByKind[k] = ku
}
