package domain

import (
	"fmt"
	"time"
)

// MaxCategoryNameLen is the longest category name, in runes.
const MaxCategoryNameLen = 64

// Category is a named group of files a user makes; names are unique per owner, ignoring case.
type Category struct {
	ID        int64
	OwnerID   int64
	Name      string
	CreatedAt time.Time
}

// NewCategory validates name and builds a category of owner created at now.
func NewCategory(owner int64, name string, now time.Time) (Category, error) {
	name, err := ValidateName(name, MaxCategoryNameLen)
	if err != nil {
		return Category{}, err
	}
	return Category{OwnerID: owner, Name: name, CreatedAt: now}, nil
}

// CategorySummary is a category with the number of live files in it.
type CategorySummary struct {
	Category
	Files int
}

// CategoryLimitError refuses a new category past the per-user limit; it matches ErrQuotaExceeded.
type CategoryLimitError struct {
	Limit int
}

func (e *CategoryLimitError) Error() string {
	return fmt.Sprintf("category limit of %d reached", e.Limit)
}

// Is makes errors.Is(err, ErrQuotaExceeded) true for every CategoryLimitError.
func (e *CategoryLimitError) Is(target error) bool { return target == ErrQuotaExceeded }
