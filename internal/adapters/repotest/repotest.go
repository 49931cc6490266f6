// Package repotest is the contract every implementation of the repository ports of package app
// must meet. Run it from the adapter's tests:
//
//	func TestRepositories(t *testing.T) {
//		repotest.Run(t, func(t *testing.T) app.UnitOfWork { return memory.NewStore().UnitOfWork() }, memory.ForgeStep)
//	}
//
// newUOW must return a unit of work over empty storage each time it is called; forgeStep writes a
// step the registry does not know under a stored conversation.
package repotest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Run runs the contract suite; every subtest gets its own storage from newUOW.
func Run(t *testing.T, newUOW func(t *testing.T) app.UnitOfWork, forgeStep ForgeStep) {
	t.Run("users", func(t *testing.T) { testUsers(t, newUOW) })
	t.Run("files", func(t *testing.T) { testFiles(t, newUOW) })
	t.Run("listing files", func(t *testing.T) { testListFiles(t, newUOW) })
	t.Run("counting files", func(t *testing.T) { testCountFiles(t, newUOW) })
	t.Run("managing files", func(t *testing.T) { testManageFiles(t, newUOW) })
	t.Run("listing categories, uncategorised files and the trash", func(t *testing.T) { testListManagedFiles(t, newUOW) })
	t.Run("purging the trash", func(t *testing.T) { testPurge(t, newUOW) })
	t.Run("emptying one owner's trash", func(t *testing.T) { testEmptyTrash(t, newUOW) })
	t.Run("counting a list", func(t *testing.T) { testCountList(t, newUOW) })
	t.Run("categories", func(t *testing.T) { testCategories(t, newUOW) })
	t.Run("renaming categories", func(t *testing.T) { testRenameCategories(t, newUOW) })
	t.Run("categories and their files", func(t *testing.T) { testCategoryFiles(t, newUOW) })
	t.Run("conversations", func(t *testing.T) { testConversations(t, newUOW, forgeStep) })
	t.Run("updates", func(t *testing.T) { testUpdates(t, newUOW) })
	t.Run("units of work", func(t *testing.T) { testUnitsOfWork(t, newUOW) })
	t.Run("searching files", func(t *testing.T) { testSearchFiles(t, newUOW) })
	t.Run("finding a file by unique id", func(t *testing.T) { testFindFiles(t, newUOW) })
	t.Run("usage", func(t *testing.T) { testUsage(t, newUOW) })
	t.Run("settings", func(t *testing.T) { testSettings(t, newUOW) })
	t.Run("saved searches", func(t *testing.T) { testSearches(t, newUOW) })
	t.Run("shares", func(t *testing.T) { testShares(t, newUOW) })
	t.Run("users who blocked the bot", func(t *testing.T) { testBlocked(t, newUOW) })
	t.Run("statistics", func(t *testing.T) { testStats(t, newUOW) })
	t.Run("reads and writes by id name the owner", func(t *testing.T) { testOwnership(t, newUOW) })
	t.Run("share grants", func(t *testing.T) { testShareGrants(t, newUOW) })
	t.Run("pages of shares", func(t *testing.T) { testSharePages(t, newUOW) })
	t.Run("pruning saved searches", func(t *testing.T) { testPruneSearches(t, newUOW) })
}

// contract is a case of a contract table: a sentence, and what it checks on fresh storage where
// the table's seed made S.
type contract[S any] struct {
	name string
	run  func(t *testing.T, uow app.UnitOfWork, seeded S)
}

// runContracts runs each case on its own storage from newUOW, seeded by seed.
func runContracts[S any](t *testing.T, newUOW func(t *testing.T) app.UnitOfWork, seed func(t *testing.T, uow app.UnitOfWork) S, cases []contract[S]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			uow := newUOW(t)
			c.run(t, uow, seed(t, uow))
		})
	}
}

// oneUser seeds the user most contract cases need.
func oneUser(t *testing.T, uow app.UnitOfWork) domain.User { return mustUpsert(t, uow, newUser(42)) }

// noSeed seeds nothing, for the cases that start from empty storage.
func noSeed(*testing.T, app.UnitOfWork) struct{} { return struct{}{} }

// t0 has no sub-microsecond part: every store keeps it exactly.
var t0 = time.Date(2026, time.March, 1, 12, 30, 0, 0, time.UTC)

// do runs fn in a unit of work of uow and fails the test if it fails.
func do(t *testing.T, uow app.UnitOfWork, fn func(ctx context.Context, r app.Repos)) {
	t.Helper()
	err := uow.Do(t.Context(), func(ctx context.Context, r app.Repos) error {
		fn(ctx, r)
		return nil
	})
	require.NoError(t, err)
}

// must runs fn in a unit of work of uow and fails the test if it fails.
func must(t *testing.T, uow app.UnitOfWork, fn func(ctx context.Context, r app.Repos) error) {
	t.Helper()
	require.NoError(t, uow.Do(t.Context(), fn))
}

func newUser(telegramID int64) domain.User {
	u, err := domain.NewUser(domain.Profile{
		TelegramID:   telegramID,
		Username:     "user",
		FirstName:    "Ada",
		LastName:     "Lovelace",
		LanguageCode: "en",
	}, t0)
	if err != nil {
		panic(err)
	}
	return u
}

func mustUpsert(t *testing.T, uow app.UnitOfWork, u domain.User) domain.User {
	t.Helper()
	var stored domain.User
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		stored, err = r.Users.Upsert(ctx, u)
		require.NoError(t, err)
	})
	return stored
}

func newFile(owner int64, uniqueID string, kind domain.Kind) domain.File {
	return domain.File{
		OwnerID:        owner,
		TelegramFileID: "file-id-" + uniqueID,
		UniqueID:       uniqueID,
		Name:           uniqueID + ".bin",
		MIMEType:       "application/octet-stream",
		Size:           1024,
		Kind:           kind,
		Carrier:        kind,
		Caption:        "caption of " + uniqueID,
		CreatedAt:      t0,
	}
}

func mustSave(t *testing.T, uow app.UnitOfWork, f domain.File) domain.File {
	t.Helper()
	var stored domain.File
	do(t, uow, func(ctx context.Context, r app.Repos) {
		var err error
		stored, _, err = r.Files.Save(ctx, f)
		require.NoError(t, err)
	})
	return stored
}

// utcUser and utcFile put times in UTC so stores that return another location compare equal.
func utcUser(u domain.User) domain.User {
	u.JoinedAt = u.JoinedAt.UTC()
	u.LastSeenAt = u.LastSeenAt.UTC()
	return u
}

func utcFile(f domain.File) domain.File {
	f.CreatedAt = f.CreatedAt.UTC()
	if f.DeletedAt != nil {
		at := f.DeletedAt.UTC()
		f.DeletedAt = &at
	}
	return f
}

func ids(files []domain.File) []int64 {
	out := make([]int64, len(files))
	for i, f := range files {
		out[i] = f.ID
	}
	return out
}
