// Package repotest is the contract every implementation of the repository ports of package app
// must meet. Run it from the adapter's tests:
//
//	func TestRepositories(t *testing.T) {
//		repotest.Run(t, func(t *testing.T) app.UnitOfWork { return memory.NewStore().UnitOfWork() }, memory.ForgeStep)
//	}
//
// Features that came later keep their contract in a package of their own (repotest/<feature>,
// with an exported Run called from Run below) seeded through repotest/fixture.
//
// newUOW must return a unit of work over empty storage each time it is called; forgeStep writes a
// step the registry does not know under a stored conversation.
package repotest

import (
	"testing"

	"github.com/filekeeper/filekeeper/internal/adapters/repotest/access"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/albums"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/bulksends"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/counts"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/fixture"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/linklimits"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/origins"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/replies"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/selection"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/shares"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/storage"
	"github.com/filekeeper/filekeeper/internal/adapters/repotest/tags"
	"github.com/filekeeper/filekeeper/internal/app"
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
	t.Run("statements sent together", func(t *testing.T) { testBatched(t, newUOW) })
	t.Run("searching files", func(t *testing.T) { testSearchFiles(t, newUOW) })
	t.Run("finding a file by unique id", func(t *testing.T) { testFindFiles(t, newUOW) })
	t.Run("usage", func(t *testing.T) { testUsage(t, newUOW) })
	t.Run("settings", func(t *testing.T) { testSettings(t, newUOW) })
	t.Run("saved searches", func(t *testing.T) { testSearches(t, newUOW) })
	t.Run("share links", func(t *testing.T) { shares.Run(t, newUOW) })
	t.Run("users who blocked the bot", func(t *testing.T) { testBlocked(t, newUOW) })
	t.Run("statistics", func(t *testing.T) { testStats(t, newUOW) })
	t.Run("reads and writes by id name the owner", func(t *testing.T) { testOwnership(t, newUOW) })
	t.Run("pruning saved searches", func(t *testing.T) { testPruneSearches(t, newUOW) })
	t.Run("who may use the bot", func(t *testing.T) { access.Run(t, newUOW) })
	t.Run("bots and storage copies", func(t *testing.T) { storage.Run(t, newUOW) })
	t.Run("counts agree with the files", func(t *testing.T) { counts.Run(t, newUOW) })
	t.Run("select many", func(t *testing.T) { selection.Run(t, newUOW) })
	t.Run("limits of share links", func(t *testing.T) { linklimits.Run(t, newUOW) })
	t.Run("origins of forwarded files and edited captions", func(t *testing.T) { origins.Run(t, newUOW) })
	t.Run("tags and orders", func(t *testing.T) { tags.Run(t, newUOW) })
	t.Run("albums", func(t *testing.T) { albums.Run(t, newUOW) })
	t.Run("send-alls", func(t *testing.T) { bulksends.Run(t, newUOW) })
	t.Run("the reply outbox", func(t *testing.T) { replies.Run(t, newUOW) })
}

// contract is a case of a contract table: a sentence, and what it checks on fresh storage where
// the table's seed made S (fixture.Contract, written without field names in this package).
type contract[S any] struct {
	name string
	run  func(t *testing.T, uow app.UnitOfWork, seeded S)
}

// runContracts runs each case on its own storage from newUOW, seeded by seed.
func runContracts[S any](t *testing.T, newUOW fixture.NewUOW, seed func(t *testing.T, uow app.UnitOfWork) S, cases []contract[S]) {
	t.Helper()
	shared := make([]fixture.Contract[S], len(cases))
	for i, c := range cases {
		shared[i] = fixture.Contract[S]{Name: c.name, Run: c.run}
	}
	fixture.RunContracts(t, newUOW, seed, shared)
}

// The shared fixture under the short names the suites of this package use.

var (
	oneUser    = fixture.OneUser
	noSeed     = fixture.NoSeed
	t0         = fixture.T0
	do         = fixture.Do
	must       = fixture.Must
	newUser    = fixture.NewUser
	mustUpsert = fixture.MustUpsert
	newFile    = fixture.NewFile
	mustSave   = fixture.MustSave
	utcUser    = fixture.UTCUser
	utcFile    = fixture.UTCFile
	ids        = fixture.IDs

	newCategory        = fixture.NewCategory
	mustCreateCategory = fixture.MustCreateCategory
)
