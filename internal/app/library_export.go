package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// ExportLibraryJob asks for a user's library to be sent to them as documents (/export): built
// and sent by the job engine, so a long library takes no update's time, and tried again after a
// crash or a failed send.
type ExportLibraryJob struct {
	OwnerID int64
}

// Kind names the job's worker.
func (ExportLibraryJob) Kind() string { return "export_library" }

// RequestExport asks for the user's library export: one job per user at a time (a second
// /export while one waits joins it).
type RequestExport struct {
	uow UnitOfWork
}

// NewRequestExport builds the command.
func NewRequestExport(uow UnitOfWork) RequestExport { return RequestExport{uow: uow} }

// Handle enqueues the export of owner's library.
func (h RequestExport) Handle(ctx context.Context, owner int64) error {
	return doTx(ctx, h.uow, fmt.Sprintf("request the export of user %d", owner), func(ctx context.Context, r Repos) error {
		return r.Jobs.Enqueue(ctx, ExportLibraryJob{OwnerID: owner}, JobOptions{Unique: true})
	})
}

// LibraryExport is what /export sends a user: every file they keep, the trash included, oldest
// first, with the name of its category.
type LibraryExport struct {
	Owner domain.User
	Files []ExportedFile
}

// ExportedFile is one file of a LibraryExport; Category is "" for none.
type ExportedFile struct {
	File     domain.File
	Category string
}

// Library reads a user's whole library for their export.
type Library struct {
	uow UnitOfWork
}

// NewLibrary builds the query.
func NewLibrary(uow UnitOfWork) Library { return Library{uow: uow} }

// libraryPage is how many files one read of an export takes.
const libraryPage = 500

// Export returns every file of owner (live and trashed), oldest first, in one unit of work.
func (h Library) Export(ctx context.Context, owner int64) (LibraryExport, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("export the library of user %d", owner), func(ctx context.Context, r Repos) (LibraryExport, error) {
		u, err := r.Users.Get(ctx, owner)
		if err != nil {
			return LibraryExport{}, err
		}
		cats, err := r.Categories.List(ctx, owner)
		if err != nil {
			return LibraryExport{}, err
		}
		names := make(map[int64]string, len(cats))
		for _, c := range cats {
			names[c.ID] = c.Name
		}
		out := LibraryExport{Owner: u}
		for _, trashed := range []bool{false, true} {
			for after := int64(0); ; {
				page, err := r.Files.List(ctx, FileQuery{OwnerID: owner, Trashed: trashed, AfterID: after, Limit: libraryPage})
				if err != nil {
					return LibraryExport{}, err
				}
				for _, f := range page {
					e := ExportedFile{File: f}
					if f.CategoryID != nil {
						e.Category = names[*f.CategoryID]
					}
					out.Files = append(out.Files, e)
				}
				if len(page) < libraryPage {
					break
				}
				after = page[len(page)-1].ID
			}
		}
		slices.SortFunc(out.Files, func(a, b ExportedFile) int { return int(a.File.ID - b.File.ID) })
		return out, nil
	})
}
