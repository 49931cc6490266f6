package app_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// sharing is a fixture for share links: Ann shares, Bob opens. Ann keeps report and invoice in
// Receipts and loose in no category; Bob keeps a file and a category of his own.
type sharing struct {
	fixture
	ann, bob                         domain.User
	receipts, bobsCat                domain.Category
	report, invoice, loose, bobsFile domain.File
}

func newSharing(t *testing.T, limits app.Limits) sharing {
	t.Helper()
	s := sharing{fixture: newFixture(limits)}
	s.ann, s.bob = s.register(t, 42), s.register(t, 43)
	s.receipts, s.bobsCat = s.category(t, s.ann.ID, "Receipts"), s.category(t, s.bob.ID, "Bob's")
	s.report = s.move(t, s.ann.ID, s.save(t, s.ann.ID, named("report", "report.pdf")).ID, s.receipts.ID)
	s.invoice = s.move(t, s.ann.ID, s.save(t, s.ann.ID, named("invoice", "invoice.pdf")).ID, s.receipts.ID)
	s.loose = s.save(t, s.ann.ID, named("loose", "loose.pdf"))
	s.bobsFile = s.save(t, s.bob.ID, named("bobs", "bob's.pdf"))
	return s
}

// share makes a link of owner to the file or the category.
func (s sharing) share(t *testing.T, owner, fileID, categoryID int64) domain.Share {
	t.Helper()
	link, err := s.app.Commands.Shares.Create(context.Background(), owner, fileID, categoryID)
	require.NoError(t, err)
	return link.Share
}

// open redeems the link for viewer.
func (s sharing) open(t *testing.T, viewer int64, token string) app.Opened {
	t.Helper()
	o, err := s.app.Commands.Shares.Open(context.Background(), viewer, token)
	require.NoError(t, err)
	return o
}

// links is the owner's active links (the first page of the largest size: tests make fewer).
func (s sharing) links(t *testing.T, owner int64) []domain.ShareSummary {
	t.Helper()
	list, err := s.app.Queries.Links.List(context.Background(), owner, domain.Cursor{}, domain.MaxPageSize)
	require.NoError(t, err)
	require.Nil(t, list.Page.Next, "more links than one page holds")
	return list.Page.Items
}

// opened is sh once viewer opened its link: what grants its buttons to them.
func (s sharing) opened(t *testing.T, viewer int64, sh domain.Share) domain.Share {
	t.Helper()
	s.open(t, viewer, sh.Token)
	return sh
}

// scriptedTokens hands out its tokens in order, then the last one again and again.
type scriptedTokens struct {
	tokens []string
	err    error
	calls  int
}

func (g *scriptedTokens) NewToken() (string, error) {
	g.calls++
	if g.err != nil {
		return "", g.err
	}
	return g.tokens[min(g.calls, len(g.tokens))-1], nil
}

func TestSharesCreate(t *testing.T) {
	tests := []struct {
		name     string
		owner    func(t *testing.T, s sharing) int64
		file     func(t *testing.T, s sharing) int64
		category func(t *testing.T, s sharing) int64
		wantErr  error // nil when the link is made
	}{
		{"a link to an own live file is made", annsID, func(t *testing.T, s sharing) int64 { return s.report.ID }, none, nil},
		{"a link to an own category is made", annsID, none, func(t *testing.T, s sharing) int64 { return s.receipts.ID }, nil},
		{"a link to a trashed file is refused", annsID, func(t *testing.T, s sharing) int64 { return s.trash(t, s.ann.ID, s.loose.ID).ID }, none, domain.ErrNotFound},
		{"a link to another user's file is forbidden", annsID, func(t *testing.T, s sharing) int64 { return s.bobsFile.ID }, none, domain.ErrForbidden},
		{"a link to another user's category is forbidden", annsID, none, func(t *testing.T, s sharing) int64 { return s.bobsCat.ID }, domain.ErrForbidden},
		{"a link to an unknown file is refused", annsID, func(*testing.T, sharing) int64 { return 999 }, none, domain.ErrNotFound},
		{"a link to an unknown category is refused", annsID, none, func(*testing.T, sharing) int64 { return 999 }, domain.ErrNotFound},
		{"a link to nothing is refused", annsID, none, none, domain.ErrNotFound},
		{"a link to a file and a category at once is refused", annsID, func(t *testing.T, s sharing) int64 { return s.report.ID }, func(t *testing.T, s sharing) int64 { return s.receipts.ID }, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			s.clock.Advance(time.Hour)
			owner, file, category := tt.owner(t, s), tt.file(t, s), tt.category(t, s)

			link, err := s.app.Commands.Shares.Create(context.Background(), owner, file, category)
			sh := link.Share
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, sh)
				assert.Empty(t, s.links(t, owner), "no link is left behind")
				return
			}
			require.NoError(t, err)
			assert.NotZero(t, sh.ID)
			assert.True(t, domain.ValidToken(sh.Token))
			assert.Equal(t, domain.Share{
				ID: sh.ID, Token: sh.Token, OwnerID: owner, FileID: file, CategoryID: category, CreatedAt: start.Add(time.Hour),
			}, sh)
			require.Len(t, s.links(t, owner), 1)
			assert.Equal(t, sh, s.links(t, owner)[0].Share)
		})
	}
}

func TestSharesCreateNamesWhatItShares(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})

	file, err := s.app.Commands.Shares.Create(ctx, s.ann.ID, s.report.ID, 0)
	require.NoError(t, err)
	category, err := s.app.Commands.Shares.Create(ctx, s.ann.ID, 0, s.receipts.ID)
	require.NoError(t, err)

	assert.Equal(t, "report.pdf", file.Subject, "a file's link is named after the file")
	assert.Equal(t, s.report.ID, file.Share.FileID)
	assert.Equal(t, "Receipts", category.Subject, "a category's link is named after the category")
	assert.Equal(t, s.receipts.ID, category.Share.CategoryID)
}

func annsID(_ *testing.T, s sharing) int64 { return s.ann.ID }
func none(*testing.T, sharing) int64       { return 0 }

func TestSharesCreateWithTokenClashes(t *testing.T) {
	const taken, fresh = "takentakentakentaken00", "freshfreshfreshfresh00"
	errRandom := errors.New("no randomness")
	tests := []struct {
		name      string
		gen       *scriptedTokens
		wantToken string
		wantErr   error
	}{
		{"a token already taken is replaced by a fresh one", &scriptedTokens{tokens: []string{taken, fresh}}, fresh, nil},
		{"a generator that only repeats a taken token gives up", &scriptedTokens{tokens: []string{taken}}, "", domain.ErrDuplicate},
		{"a generator that fails is reported", &scriptedTokens{err: errRandom}, "", errRandom},
		{"a malformed token is refused", &scriptedTokens{tokens: []string{"short"}}, "", domain.ErrInvalidToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			first := app.NewShares(s.store.UnitOfWork(), s.clock, &scriptedTokens{tokens: []string{taken}}, app.Limits{})
			_, err := first.Create(context.Background(), s.ann.ID, s.report.ID, 0)
			require.NoError(t, err)
			shares := app.NewShares(s.store.UnitOfWork(), s.clock, tt.gen, app.Limits{})

			sh, err := shares.Create(context.Background(), s.ann.ID, s.invoice.ID, 0)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, sh)
				assert.LessOrEqual(t, tt.gen.calls, 10, "the tries are bounded")
				assert.Len(t, s.links(t, s.ann.ID), 1, "only the first link exists")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantToken, sh.Share.Token)
			assert.Equal(t, 2, tt.gen.calls)
			assert.Equal(t, s.invoice.ID, s.open(t, s.bob.ID, fresh).File.ID)
		})
	}
	t.Run("a generator that only repeats a taken token is asked more than once", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		gen := &scriptedTokens{tokens: []string{taken}}
		shares := app.NewShares(s.store.UnitOfWork(), s.clock, gen, app.Limits{})
		_, err := shares.Create(context.Background(), s.ann.ID, s.report.ID, 0)
		require.NoError(t, err)
		gen.calls = 0
		_, err = shares.Create(context.Background(), s.ann.ID, s.invoice.ID, 0)
		assert.ErrorIs(t, err, domain.ErrDuplicate)
		assert.Greater(t, gen.calls, 1)
	})
}

func TestSharesOpenAFileLink(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		token   func(t *testing.T, s sharing) string
		wantErr error
	}{
		{"a link opens its file", func(t *testing.T, s sharing) string { return s.share(t, s.ann.ID, s.report.ID, 0).Token }, nil},
		{"an empty token is malformed", func(*testing.T, sharing) string { return "" }, domain.ErrInvalidToken},
		{"a short token is malformed", func(*testing.T, sharing) string { return "abc" }, domain.ErrInvalidToken},
		{"a token with a bad character is malformed", func(*testing.T, sharing) string { return strings.Repeat("a", 21) + "!" }, domain.ErrInvalidToken},
		{"an unknown token is not found", func(*testing.T, sharing) string { return strings.Repeat("a", 22) }, domain.ErrNotFound},
		{"a revoked link is revoked", func(t *testing.T, s sharing) string {
			sh := s.share(t, s.ann.ID, s.report.ID, 0)
			_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, sh.ID)
			require.NoError(t, err)
			return sh.Token
		}, domain.ErrRevoked},
		{"a link to a file trashed since is revoked", func(t *testing.T, s sharing) string {
			sh := s.share(t, s.ann.ID, s.report.ID, 0)
			s.trash(t, s.ann.ID, s.report.ID)
			return sh.Token
		}, domain.ErrRevoked},
		{"a link still active whose file is in the trash is revoked", func(t *testing.T, s sharing) string {
			sh := s.share(t, s.ann.ID, s.report.ID, 0)
			trashed := s.report
			trashed.DeletedAt = &start
			require.NoError(t, s.store.Repos().Files.Update(ctx, trashed)) // behind the use cases' back
			return sh.Token
		}, domain.ErrRevoked},
		{"a link to a file deleted for good is not found", func(t *testing.T, s sharing) string {
			sh := s.share(t, s.ann.ID, s.report.ID, 0)
			s.trash(t, s.ann.ID, s.report.ID)
			_, err := s.app.Commands.ManageFiles.DeleteForever(ctx, s.ann.ID, s.report.ID)
			require.NoError(t, err)
			return sh.Token
		}, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			token := tt.token(t, s)

			o, err := s.app.Commands.Shares.Open(ctx, s.bob.ID, token)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, o)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, token, o.Share.Token)
			require.NotNil(t, o.File)
			assert.Equal(t, s.report, *o.File)
			assert.Nil(t, o.Category)
			assert.Empty(t, o.Files)
		})
	}
}

func TestSharesOpenACategoryLink(t *testing.T) {
	ctx := context.Background()

	t.Run("a category link lists the category's live files, newest first", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.share(t, s.ann.ID, 0, s.receipts.ID)
		trashed := s.move(t, s.ann.ID, s.save(t, s.ann.ID, document("trashed")).ID, s.receipts.ID)
		s.trash(t, s.ann.ID, trashed.ID)

		o := s.open(t, s.bob.ID, sh.Token)

		require.NotNil(t, o.Category)
		assert.Equal(t, s.receipts, *o.Category)
		assert.Nil(t, o.File)
		assert.Equal(t, []int64{s.invoice.ID, s.report.ID}, fileIDs(o.Files))
	})

	t.Run("a category link shows what the category holds when it is opened", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.share(t, s.ann.ID, 0, s.receipts.ID)
		s.move(t, s.ann.ID, s.loose.ID, s.receipts.ID)
		s.move(t, s.ann.ID, s.report.ID, 0)

		assert.Equal(t, []int64{s.loose.ID, s.invoice.ID}, fileIDs(s.open(t, s.bob.ID, sh.Token).Files))
	})

	t.Run("a category link lists at most the newest MaxSharedFiles files", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.share(t, s.ann.ID, 0, s.receipts.ID)
		var newest []int64
		for i := range app.MaxSharedFiles + 5 {
			file := s.move(t, s.ann.ID, s.save(t, s.ann.ID, document(fmt.Sprintf("r%d", i))).ID, s.receipts.ID)
			newest = append([]int64{file.ID}, newest...)
		}

		assert.Equal(t, newest[:app.MaxSharedFiles], fileIDs(s.open(t, s.bob.ID, sh.Token).Files))
	})

	t.Run("an empty category's link opens with no files", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		empty := s.category(t, s.ann.ID, "Empty")
		o := s.open(t, s.bob.ID, s.share(t, s.ann.ID, 0, empty.ID).Token)
		assert.Equal(t, empty, *o.Category)
		assert.Empty(t, o.Files)
	})

	t.Run("a link to a deleted category is not found", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.share(t, s.ann.ID, 0, s.receipts.ID)
		_, _, err := s.app.Commands.Categories.Delete(ctx, s.ann.ID, s.receipts.ID)
		require.NoError(t, err)

		_, err = s.app.Commands.Shares.Open(ctx, s.bob.ID, sh.Token)
		assert.ErrorIs(t, err, domain.ErrNotFound)
	})
}

func TestSharesCountUses(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	opened := s.share(t, s.ann.ID, s.report.ID, 0)
	category := s.share(t, s.ann.ID, 0, s.receipts.ID)
	for range 3 {
		s.open(t, s.bob.ID, opened.Token)
	}
	s.open(t, s.ann.ID, category.Token)
	_, err := s.app.Commands.Shares.SharedFile(ctx, s.ann.ID, category.ID, s.report.ID)
	require.NoError(t, err)
	s.open(t, s.bob.ID, category.Token)
	_, err = s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, category.ID, s.invoice.ID)
	require.NoError(t, err)
	_, err = s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, category.ID, s.bobsFile.ID)
	require.ErrorIs(t, err, domain.ErrNotFound)

	uses := map[int64]int{}
	for _, l := range s.links(t, s.ann.ID) {
		uses[l.ID] = l.Uses
	}
	tests := []struct {
		name  string
		share domain.Share
		want  int
	}{
		{"each opening counts a use", opened, 3},
		{"every opening (the owner's too) and every file given through the link counts a use, a refusal does not", category, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, uses[tt.share.ID])
		})
	}
	t.Run("a refused opening counts no use", func(t *testing.T) {
		_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, opened.ID)
		require.NoError(t, err)
		_, err = s.app.Commands.Shares.Open(ctx, s.bob.ID, opened.Token)
		require.ErrorIs(t, err, domain.ErrRevoked)
		again, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, opened.ID)
		require.NoError(t, err)
		assert.Equal(t, 3, again.Uses)
	})
}

func TestSharesSharedFile(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		shareOf func(t *testing.T, s sharing) domain.Share
		file    func(t *testing.T, s sharing) int64
		wantErr error // nil when the file is given
	}{
		{"a file link gives its file", fileLink, reportID, nil},
		{"a file link gives no other file of its owner", fileLink, func(t *testing.T, s sharing) int64 { return s.invoice.ID }, domain.ErrNotFound},
		{"a file link gives no file of another user", fileLink, func(t *testing.T, s sharing) int64 { return s.bobsFile.ID }, domain.ErrNotFound},
		{"a category link gives a file of the category", categoryLink, reportID, nil},
		{"a category link gives no file outside the category", categoryLink, func(t *testing.T, s sharing) int64 { return s.loose.ID }, domain.ErrNotFound},
		{"a category link gives no file moved out of the category", categoryLink, func(t *testing.T, s sharing) int64 {
			return s.move(t, s.ann.ID, s.report.ID, 0).ID
		}, domain.ErrNotFound},
		{"a category link gives no file trashed since", categoryLink, func(t *testing.T, s sharing) int64 {
			return s.trash(t, s.ann.ID, s.report.ID).ID
		}, domain.ErrNotFound},
		{"a category link gives no unknown file", categoryLink, func(*testing.T, sharing) int64 { return 999 }, domain.ErrNotFound},
		{"a revoked link gives nothing", func(t *testing.T, s sharing) domain.Share {
			sh := s.opened(t, s.bob.ID, s.share(t, s.ann.ID, s.report.ID, 0))
			_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, sh.ID)
			require.NoError(t, err)
			return sh
		}, reportID, domain.ErrRevoked},
		{"an unknown link gives nothing: nobody opened it", func(*testing.T, sharing) domain.Share { return domain.Share{ID: 999} }, reportID, domain.ErrForbidden},
		{"a link the viewer never opened gives nothing", func(t *testing.T, s sharing) domain.Share {
			return s.share(t, s.ann.ID, s.report.ID, 0)
		}, reportID, domain.ErrForbidden},
		{"a link opened by someone else gives the viewer nothing", func(t *testing.T, s sharing) domain.Share {
			return s.opened(t, s.ann.ID, s.share(t, s.ann.ID, 0, s.receipts.ID))
		}, reportID, domain.ErrForbidden},
		{"another link the viewer opened does not open this one", func(t *testing.T, s sharing) domain.Share {
			s.opened(t, s.bob.ID, s.share(t, s.ann.ID, s.invoice.ID, 0))
			return s.share(t, s.ann.ID, s.report.ID, 0)
		}, reportID, domain.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			sh := tt.shareOf(t, s)
			fileID := tt.file(t, s)

			got, err := s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, sh.ID, fileID)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, app.Given{File: s.report}, got)
		})
	}
}

// fileLink and categoryLink are links of Ann that Bob opened.
func fileLink(t *testing.T, s sharing) domain.Share {
	return s.opened(t, s.bob.ID, s.share(t, s.ann.ID, s.report.ID, 0))
}
func categoryLink(t *testing.T, s sharing) domain.Share {
	return s.opened(t, s.bob.ID, s.share(t, s.ann.ID, 0, s.receipts.ID))
}
func reportID(_ *testing.T, s sharing) int64 { return s.report.ID }

func TestSharesSaveCopy(t *testing.T) {
	ctx := context.Background()

	t.Run("the viewer keeps a copy of their own", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := fileLink(t, s)
		now := s.clock.Advance(time.Hour)

		res, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		assert.False(t, res.AlreadySaved)
		assert.Nil(t, res.Category)
		want := s.report
		want.ID, want.OwnerID, want.CategoryID, want.CreatedAt = res.File.ID, s.bob.ID, nil, now
		assert.Equal(t, want, res.File)
		assert.NotEqual(t, s.report.ID, res.File.ID)
		assert.Equal(t, res.File, s.file(t, s.bob.ID, res.File.ID))
	})

	t.Run("the owner's rename and trash do not touch the viewer's copy", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := fileLink(t, s)
		res, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		_, err = s.app.Commands.ManageFiles.Rename(ctx, s.ann.ID, s.report.ID, "renamed")
		require.NoError(t, err)
		s.trash(t, s.ann.ID, s.report.ID)

		assert.Equal(t, res.File, s.file(t, s.bob.ID, res.File.ID))
	})

	t.Run("the viewer's rename does not touch the owner's file", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := fileLink(t, s)
		res, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		renamed, err := s.app.Commands.ManageFiles.Rename(ctx, s.bob.ID, res.File.ID, "mine")
		require.NoError(t, err)

		assert.Equal(t, "mine.pdf", renamed.File.Name)
		assert.Equal(t, s.report, s.file(t, s.ann.ID, s.report.ID))
	})

	t.Run("saving the same file twice keeps one copy", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := categoryLink(t, s)
		first, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		again, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		assert.True(t, again.AlreadySaved)
		assert.Equal(t, first.File.ID, again.File.ID)
		assert.Equal(t, 2, s.counts(t, s.bob.ID).Total)
	})

	t.Run("saving a copy the viewer had trashed brings it back", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := fileLink(t, s)
		first, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)
		s.trash(t, s.bob.ID, first.File.ID)

		again, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)

		assert.True(t, again.Restored)
		assert.False(t, s.file(t, s.bob.ID, first.File.ID).Trashed())
	})

	t.Run("the owner saving their own shared file keeps it once", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.opened(t, s.ann.ID, s.share(t, s.ann.ID, s.report.ID, 0))
		res, err := s.app.Commands.Shares.SaveCopy(ctx, s.ann.ID, sh.ID, s.report.ID)
		require.NoError(t, err)
		assert.True(t, res.AlreadySaved)
		assert.Equal(t, s.report.ID, res.File.ID)
		assert.Equal(t, &s.receipts.ID, s.file(t, s.ann.ID, s.report.ID).CategoryID)
	})

	refusals := []struct {
		name    string
		shareOf func(t *testing.T, s sharing) domain.Share
		file    func(t *testing.T, s sharing) int64
		wantErr error
	}{
		{"a file outside the link is not saved", categoryLink, func(t *testing.T, s sharing) int64 { return s.loose.ID }, domain.ErrNotFound},
		{"a file of a revoked link is not saved", func(t *testing.T, s sharing) domain.Share {
			sh := fileLink(t, s)
			s.trash(t, s.ann.ID, s.report.ID)
			return sh
		}, reportID, domain.ErrRevoked},
		{"a file of a link the viewer never opened is not saved", func(t *testing.T, s sharing) domain.Share {
			return s.share(t, s.ann.ID, 0, s.receipts.ID)
		}, reportID, domain.ErrForbidden},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			sh := tt.shareOf(t, s)
			res, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, sh.ID, tt.file(t, s))
			assert.ErrorIs(t, err, tt.wantErr)
			assert.Zero(t, res)
			assert.Equal(t, 1, s.counts(t, s.bob.ID).Total, "Bob keeps only his own file")
		})
	}
}

func TestSharesSaveCopyWithinTheViewersQuota(t *testing.T) {
	ctx := context.Background()
	// Every file is 100 bytes: Ann keeps 300 (past the limit she was given before it), Bob 100.
	s := newSharing(t, app.Limits{})
	limited := app.NewShares(s.store.UnitOfWork(), s.clock, app.RandomTokens{}, app.Limits{QuotaBytes: 250})
	sh := categoryLink(t, s)

	t.Run("a copy within the viewer's quota is kept, whatever the owner keeps", func(t *testing.T) {
		res, err := limited.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)
		assert.False(t, res.AlreadySaved)
	})
	t.Run("a copy past the viewer's quota is refused with the viewer's use", func(t *testing.T) {
		res, err := limited.SaveCopy(ctx, s.bob.ID, sh.ID, s.invoice.ID)
		assert.ErrorIs(t, err, domain.ErrQuotaExceeded)
		var quotaErr *domain.QuotaError
		require.ErrorAs(t, err, &quotaErr)
		assert.Equal(t, domain.QuotaError{Quota: domain.QuotaBytes, Limit: 250, Used: 200}, *quotaErr)
		assert.Zero(t, res)
		assert.Equal(t, 2, s.counts(t, s.bob.ID).Total)
	})
	t.Run("a copy the viewer already keeps is accepted at the limit", func(t *testing.T) {
		res, err := limited.SaveCopy(ctx, s.bob.ID, sh.ID, s.report.ID)
		require.NoError(t, err)
		assert.True(t, res.AlreadySaved)
	})
}

func TestSharesRevoke(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		by      func(t *testing.T, s sharing) int64
		share   func(s sharing, sh domain.Share) int64
		wantErr error // nil when the link is revoked
	}{
		{"the owner revokes their link", annsID, func(_ sharing, sh domain.Share) int64 { return sh.ID }, nil},
		{"someone else may not revoke it", func(t *testing.T, s sharing) int64 { return s.bob.ID }, func(_ sharing, sh domain.Share) int64 { return sh.ID }, domain.ErrForbidden},
		{"an unknown link is not found", annsID, func(sharing, domain.Share) int64 { return 999 }, domain.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			sh := s.share(t, s.ann.ID, s.report.ID, 0)
			s.clock.Advance(time.Minute)

			got, err := s.app.Commands.Shares.Revoke(ctx, tt.by(t, s), tt.share(s, sh))
			_, openErr := s.app.Commands.Shares.Open(ctx, s.bob.ID, sh.Token)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Zero(t, got)
				assert.NoError(t, openErr, "the link still works")
				assert.Len(t, s.links(t, s.ann.ID), 1)
				return
			}
			require.NoError(t, err)
			revokedAt := start.Add(time.Minute)
			want := sh
			want.RevokedAt = &revokedAt
			assert.Equal(t, want, got, "the link is returned revoked")
			assert.ErrorIs(t, openErr, domain.ErrRevoked)
			assert.Empty(t, s.links(t, s.ann.ID))
		})
	}

	t.Run("revoking a revoked link again is harmless and keeps the first time", func(t *testing.T) {
		s := newSharing(t, app.Limits{})
		sh := s.share(t, s.ann.ID, s.report.ID, 0)
		first, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, sh.ID)
		require.NoError(t, err)
		s.clock.Advance(time.Hour)
		again, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, sh.ID)
		require.NoError(t, err)
		assert.Equal(t, first, again)
		require.NotNil(t, again.RevokedAt)
		assert.Equal(t, start, *again.RevokedAt)
		_, err = s.app.Commands.Shares.Open(ctx, s.bob.ID, sh.Token)
		assert.ErrorIs(t, err, domain.ErrRevoked)
	})
}

func TestTrashingAFileRevokesItsLinks(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	first, second := s.share(t, s.ann.ID, s.report.ID, 0), s.share(t, s.ann.ID, s.report.ID, 0)
	other := s.share(t, s.ann.ID, s.invoice.ID, 0)
	category := s.share(t, s.ann.ID, 0, s.receipts.ID)

	s.trash(t, s.ann.ID, s.report.ID)

	tests := []struct {
		name    string
		share   domain.Share
		wantErr error
	}{
		{"the file's first link is revoked", first, domain.ErrRevoked},
		{"the file's second link is revoked", second, domain.ErrRevoked},
		{"another file's link still works", other, nil},
		{"the category's link still works", category, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.app.Commands.Shares.Open(ctx, s.bob.ID, tt.share.Token)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			assert.NoError(t, err)
		})
	}
	t.Run("the category's link no longer lists the trashed file", func(t *testing.T) {
		assert.Equal(t, []int64{s.invoice.ID}, fileIDs(s.open(t, s.bob.ID, category.Token).Files))
	})
	t.Run("the owner's list keeps only the links still working", func(t *testing.T) {
		var ids []int64
		for _, l := range s.links(t, s.ann.ID) {
			ids = append(ids, l.ID)
		}
		assert.Equal(t, []int64{category.ID, other.ID}, ids)
	})
	t.Run("restoring the file does not bring its links back", func(t *testing.T) {
		_, err := s.app.Commands.ManageFiles.Restore(ctx, s.ann.ID, s.report.ID)
		require.NoError(t, err)
		_, err = s.app.Commands.Shares.Open(ctx, s.bob.ID, first.Token)
		assert.ErrorIs(t, err, domain.ErrRevoked)
	})
}

func TestSharesList(t *testing.T) {
	s := newSharing(t, app.Limits{})
	report := s.share(t, s.ann.ID, s.report.ID, 0)
	receipts := s.share(t, s.ann.ID, 0, s.receipts.ID)
	revoked := s.share(t, s.ann.ID, s.loose.ID, 0)
	_, err := s.app.Commands.Shares.Revoke(context.Background(), s.ann.ID, revoked.ID)
	require.NoError(t, err)
	bobs := s.share(t, s.bob.ID, s.bobsFile.ID, 0)

	tests := []struct {
		name  string
		owner int64
		want  []domain.ShareSummary
	}{
		{"the owner's active links are listed newest first with what they share", s.ann.ID, []domain.ShareSummary{
			{Share: receipts, Name: "Receipts"}, {Share: report, Name: "report.pdf"},
		}},
		{"another user sees only their own links", s.bob.ID, []domain.ShareSummary{{Share: bobs, Name: "bob's.pdf"}}},
		{"a user without links has an empty list", 999, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, s.links(t, tt.owner))
		})
	}
}

func TestSharesAreBoundedPerUser(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{MaxLinks: 2})
	first := s.share(t, s.ann.ID, s.report.ID, 0)
	s.share(t, s.ann.ID, 0, s.receipts.ID)

	_, err := s.app.Commands.Shares.Create(ctx, s.ann.ID, s.invoice.ID, 0)
	var limit *domain.LinkLimitError
	require.ErrorAs(t, err, &limit, "a link past the limit is refused with the limit")
	assert.Equal(t, 2, limit.Limit)
	assert.ErrorIs(t, err, domain.ErrQuotaExceeded)
	assert.Len(t, s.links(t, s.ann.ID), 2, "nothing was made")

	t.Run("another user's links do not count", func(t *testing.T) {
		s.share(t, s.bob.ID, s.bobsFile.ID, 0)
	})
	t.Run("revoking a link frees its place", func(t *testing.T) {
		_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, first.ID)
		require.NoError(t, err)
		s.share(t, s.ann.ID, s.invoice.ID, 0)
	})
	t.Run("an expired link frees its place, and takes one again when renewed", func(t *testing.T) {
		u := newSharing(t, app.Limits{MaxLinks: 2})
		day := u.limited(t, u.report.ID, 0, app.LinkOptions{Expiry: 24 * time.Hour})
		invoice := u.share(t, u.ann.ID, u.invoice.ID, 0)
		_, err := u.app.Commands.Shares.Create(ctx, u.ann.ID, u.loose.ID, 0)
		require.ErrorAs(t, err, &limit, "two live links: full")
		u.clock.Advance(24 * time.Hour)
		u.share(t, u.ann.ID, u.loose.ID, 0) // the day's link expired: room for this one
		never := time.Duration(0)
		_, err = u.app.Commands.Shares.ChangeLimits(ctx, u.ann.ID, day.ID, app.LimitChange{Expiry: &never})
		require.ErrorAs(t, err, &limit, "renewed, it would be a third live link")
		_, err = u.app.Commands.Shares.Revoke(ctx, u.ann.ID, invoice.ID)
		require.NoError(t, err)
		_, err = u.app.Commands.Shares.ChangeLimits(ctx, u.ann.ID, day.ID, app.LimitChange{Expiry: &never})
		require.NoError(t, err, "with a place free it is renewed")
	})
	t.Run("no limit when it is 0", func(t *testing.T) {
		u := newSharing(t, app.Limits{})
		for range 5 {
			u.share(t, u.ann.ID, u.report.ID, 0)
		}
	})
}

func TestSharesListPages(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	var newest []int64 // Ann's active links, newest first
	for i := range 13 {
		sh := s.share(t, s.ann.ID, s.report.ID, 0)
		if i == 6 {
			_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, sh.ID)
			require.NoError(t, err)
			continue
		}
		newest = append([]int64{sh.ID}, newest...)
	}
	s.share(t, s.bob.ID, s.bobsFile.ID, 0)
	page := func(t *testing.T, c domain.Cursor) app.LinkList {
		t.Helper()
		l, err := s.app.Queries.Links.List(ctx, s.ann.ID, c, 5)
		require.NoError(t, err)
		assert.Equal(t, 12, l.Total, "every active link of hers, on every page")
		return l
	}
	ids := func(l app.LinkList) []int64 { return shareIDs(l.Page.Items) }

	first := page(t, domain.Cursor{})
	assert.Equal(t, newest[:5], ids(first))
	assert.Nil(t, first.Page.Prev)
	require.NotNil(t, first.Page.Next)
	second := page(t, *first.Page.Next)
	assert.Equal(t, newest[5:10], ids(second))
	require.NotNil(t, second.Page.Next)
	require.NotNil(t, second.Page.Prev)
	third := page(t, *second.Page.Next)
	assert.Equal(t, newest[10:], ids(third))
	assert.Nil(t, third.Page.Next)
	back := page(t, *third.Page.Prev)
	assert.Equal(t, newest[5:10], ids(back), "◀ from the last page is the second")
	assert.Equal(t, newest[:5], ids(page(t, *back.Page.Prev)), "and ◀ again the first")

	t.Run("the page size is the user's, clamped", func(t *testing.T) {
		l, err := s.app.Queries.Links.List(ctx, s.ann.ID, domain.Cursor{}, 100)
		require.NoError(t, err)
		assert.Len(t, l.Page.Items, min(12, domain.MaxPageSize))
		l, err = s.app.Queries.Links.List(ctx, s.ann.ID, domain.Cursor{}, 0)
		require.NoError(t, err)
		assert.Len(t, l.Page.Items, domain.DefaultPageSize)
	})
	t.Run("a cursor past the end gives the first page", func(t *testing.T) {
		assert.Equal(t, newest[:5], ids(page(t, domain.Cursor{ID: newest[len(newest)-1]})))
	})
	t.Run("revoking on a page keeps the page where it starts", func(t *testing.T) {
		_, err := s.app.Commands.Shares.Revoke(ctx, s.ann.ID, newest[6])
		require.NoError(t, err)
		l, err := s.app.Queries.Links.List(ctx, s.ann.ID, *first.Page.Next, 5)
		require.NoError(t, err)
		assert.Equal(t, append(append([]int64{}, newest[5]), newest[7:11]...), ids(l))
	})
}

func shareIDs(list []domain.ShareSummary) []int64 {
	var out []int64
	for _, l := range list {
		out = append(out, l.ID)
	}
	return out
}
