package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestProfileShow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(app.Limits{})
	ann, bob, carol := f.register(t, 42), f.register(t, 43), f.register(t, 44)
	f.category(t, ann.ID, "Receipts")
	f.category(t, ann.ID, "Taxes")
	f.save(t, ann.ID, sized("one", 100))
	f.save(t, ann.ID, sized("two", 250))
	pic := photo("pic")
	pic.Size = 40
	shared := f.save(t, ann.ID, pic)
	trashed := f.save(t, ann.ID, sized("old", 1000))
	_, err := f.app.Commands.Shares.Create(ctx, ann.ID, shared.ID, 0)
	require.NoError(t, err)
	revoked, err := f.app.Commands.Shares.Create(ctx, ann.ID, shared.ID, 0)
	require.NoError(t, err)
	_, err = f.app.Commands.Shares.Revoke(ctx, ann.ID, revoked.Share.ID)
	require.NoError(t, err)
	_, err = f.app.Commands.Shares.Create(ctx, ann.ID, trashed.ID, 0)
	require.NoError(t, err)
	f.trash(t, ann.ID, trashed.ID) // revokes its link
	f.save(t, bob.ID, sized("bob's", 5000))
	f.category(t, bob.ID, "Bob's")

	tests := []struct {
		name string
		user domain.User
		want app.ProfileView
	}{
		{"a profile counts live files per kind, totals with the trash, categories and active links", ann, app.ProfileView{
			User: ann,
			Usage: domain.Usage{Files: 4, Bytes: 1390, ByKind: map[domain.Kind]domain.KindUsage{
				domain.KindDocument: {Files: 2, Bytes: 350},
				domain.KindPhoto:    {Files: 1, Bytes: 40},
			}},
			Categories:   2,
			ActiveShares: 1,
		}},
		{"another user's profile counts only what they keep", bob, app.ProfileView{
			User: bob,
			Usage: domain.Usage{Files: 1, Bytes: 5000, ByKind: map[domain.Kind]domain.KindUsage{
				domain.KindDocument: {Files: 1, Bytes: 5000},
			}},
			Categories: 1,
		}},
		{"a new user's profile is empty", carol, app.ProfileView{User: carol}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.app.Queries.Profile.Show(ctx, tt.user)
			require.NoError(t, err)
			if len(got.Usage.ByKind) == 0 {
				got.Usage.ByKind = nil // no kinds, whether as an empty map or none
			}
			assert.Equal(t, tt.want, got)
		})
	}

	t.Run("the profile is live: what changes shows at once", func(t *testing.T) {
		_, err := f.app.Commands.ManageFiles.Restore(ctx, ann.ID, trashed.ID)
		require.NoError(t, err)
		got, err := f.app.Queries.Profile.Show(ctx, ann)
		require.NoError(t, err)
		assert.Equal(t, domain.KindUsage{Files: 3, Bytes: 1350}, got.Usage.ByKind[domain.KindDocument])
		assert.Equal(t, 4, got.Usage.Files)
		assert.Equal(t, 1, got.ActiveShares, "a restored file's links stay revoked")
	})
}

func TestProfileUpdateSettings(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		settings func(f settingsFixture) domain.Settings
		wantErr  error // nil when the settings are stored
	}{
		{"the smallest page size is stored", pageSize(domain.MinPageSize), nil},
		{"the largest page size is stored", pageSize(domain.MaxPageSize), nil},
		{"a page size of 4 is refused", pageSize(4), domain.ErrInvalidSettings},
		{"a page size of 21 is refused", pageSize(21), domain.ErrInvalidSettings},
		{"Russian is stored", func(settingsFixture) domain.Settings {
			return domain.Settings{PageSize: 8, Language: domain.Russian}
		}, nil},
		{"no language, to follow Telegram's, is stored", func(settingsFixture) domain.Settings {
			return domain.Settings{PageSize: 8, Language: ""}
		}, nil},
		{"an unknown language is refused", func(settingsFixture) domain.Settings {
			return domain.Settings{PageSize: 8, Language: "de"}
		}, domain.ErrInvalidSettings},
		{"an own category as the default is stored", func(f settingsFixture) domain.Settings {
			return domain.Settings{PageSize: 8, DefaultCategoryID: &f.receipts.ID}
		}, nil},
		{"another user's category as the default is forbidden", func(f settingsFixture) domain.Settings {
			return domain.Settings{PageSize: 8, DefaultCategoryID: &f.bobsCat.ID}
		}, domain.ErrForbidden},
		{"an unknown category as the default is not found", func(settingsFixture) domain.Settings {
			unknown := int64(999)
			return domain.Settings{PageSize: 8, DefaultCategoryID: &unknown}
		}, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newSettingsFixture(t)
			before := f.ann.Settings()
			s := tt.settings(f)

			got, err := f.app.Commands.Settings.Update(ctx, f.ann, s)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, got)
				assert.Equal(t, before, f.register(t, 42).Settings(), "the stored settings are unchanged")
				return
			}
			require.NoError(t, err)
			want := f.ann
			want.PageSize, want.Language, want.DefaultCategoryID = s.PageSize, s.Language, s.DefaultCategoryID
			assert.Equal(t, want, got, "the updated user is returned")
			assert.Equal(t, s, f.register(t, 42).Settings(), "the settings are stored")
		})
	}

	t.Run("the default category can be cleared", func(t *testing.T) {
		f := newSettingsFixture(t)
		_, err := f.app.Commands.Settings.Update(ctx, f.ann, domain.Settings{PageSize: 8, DefaultCategoryID: &f.receipts.ID})
		require.NoError(t, err)
		got, err := f.app.Commands.Settings.Update(ctx, f.ann, domain.Settings{PageSize: 8})
		require.NoError(t, err)
		assert.Nil(t, got.DefaultCategoryID)
		assert.Nil(t, f.register(t, 42).DefaultCategoryID)
	})
}

// settingsFixture is Ann with a category and Bob with one.
type settingsFixture struct {
	fixture
	ann               domain.User
	receipts, bobsCat domain.Category
}

func newSettingsFixture(t *testing.T) settingsFixture {
	t.Helper()
	f := settingsFixture{fixture: newFixture(app.Limits{})}
	f.ann = f.register(t, 42)
	bob := f.register(t, 43)
	f.receipts, f.bobsCat = f.category(t, f.ann.ID, "Receipts"), f.category(t, bob.ID, "Bob's")
	return f
}

func pageSize(n int) func(settingsFixture) domain.Settings {
	return func(settingsFixture) domain.Settings { return domain.Settings{PageSize: n} }
}

func TestSaveFileIntoTheDefaultCategory(t *testing.T) {
	ctx := context.Background()
	setDefault := func(t *testing.T, f flows, categoryID int64) {
		t.Helper()
		_, err := f.app.Commands.Settings.Update(ctx, f.ann, domain.Settings{PageSize: 8, DefaultCategoryID: &categoryID})
		require.NoError(t, err)
	}

	t.Run("a new file goes into the default category", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		setDefault(t, f, f.annsCategory.ID)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Equal(t, &f.annsCategory, res.Category)
		assert.Equal(t, &f.annsCategory.ID, res.File.CategoryID)
	})

	t.Run("an upload's category wins over the default", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		taxes := f.category(t, f.ann.ID, "Taxes")
		setDefault(t, f, f.annsCategory.ID)
		f.beginUpload(t, f.ann.ID, taxes.ID)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Equal(t, &taxes, res.Category)
		assert.Equal(t, &taxes.ID, res.File.CategoryID)
	})

	t.Run("the default applies again once the upload is over", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		taxes := f.category(t, f.ann.ID, "Taxes")
		setDefault(t, f, f.annsCategory.ID)
		f.beginUpload(t, f.ann.ID, taxes.ID)
		f.clock.Advance(flowLimits.UploadQuietPeriod)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Equal(t, &f.annsCategory.ID, res.File.CategoryID)
	})

	t.Run("a deleted default category leaves new files uncategorised", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		setDefault(t, f, f.annsCategory.ID)
		_, _, err := f.app.Commands.Categories.Delete(ctx, f.ann.ID, f.annsCategory.ID)
		require.NoError(t, err)

		res := f.send(t, f.ann.ID, document("new"))

		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
	})

	t.Run("a file already kept stays where it is", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		setDefault(t, f, f.annsCategory.ID)

		res := f.send(t, f.ann.ID, document("report"))

		assert.True(t, res.AlreadySaved)
		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
	})

	t.Run("without a default, new files are uncategorised", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		res := f.send(t, f.ann.ID, document("new"))
		assert.Nil(t, res.Category)
		assert.Nil(t, res.File.CategoryID)
	})

	t.Run("another user's default does not apply", func(t *testing.T) {
		f := newFlows(t, flowLimits)
		setDefault(t, f, f.annsCategory.ID)
		res := f.send(t, f.bob.ID, document("new"))
		assert.Nil(t, res.File.CategoryID)
	})
}
