package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// limited makes a link of Ann's to the file or the category with opt.
func (s sharing) limited(t *testing.T, fileID, categoryID int64, opt app.LinkOptions) domain.Share {
	t.Helper()
	link, err := s.app.Commands.Shares.CreateLimited(context.Background(), s.ann.ID, fileID, categoryID, opt)
	require.NoError(t, err)
	return link.Share
}

func TestALinkWorksUntilItExpires(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	link := s.limited(t, 0, s.receipts.ID, app.LinkOptions{Expiry: 24 * time.Hour})
	require.NotNil(t, link.Limits.ExpiresAt)
	assert.Equal(t, start.Add(24*time.Hour), *link.Limits.ExpiresAt)

	s.clock.Advance(24*time.Hour - time.Second)
	s.open(t, s.bob.ID, link.Token)
	_, err := s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, link.ID, s.report.ID)
	require.NoError(t, err, "a second before its end it works")

	s.clock.Advance(time.Second)
	_, err = s.app.Commands.Shares.Open(ctx, s.bob.ID, link.Token)
	assert.ErrorIs(t, err, domain.ErrLinkExpired)
	_, err = s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, link.ID, s.report.ID)
	assert.ErrorIs(t, err, domain.ErrLinkExpired, "its buttons give nothing")
	_, err = s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, link.ID, s.report.ID)
	assert.ErrorIs(t, err, domain.ErrLinkExpired)

	list, err := s.app.Queries.Links.List(ctx, s.ann.ID, domain.Cursor{}, domain.MaxPageSize)
	require.NoError(t, err)
	require.Len(t, list.Page.Items, 1, "an expired link stays in the list until revoked, to be renewed")
	assert.True(t, list.Page.Items[0].Expired(list.Now))

	never := time.Duration(0)
	renewed, err := s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{Expiry: &never})
	require.NoError(t, err)
	assert.Nil(t, renewed.Limits.ExpiresAt)
	s.open(t, s.bob.ID, link.Token)
}

func TestALinkAdmitsAsManyPeopleAsItAllows(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	carol := s.register(t, 44)
	link := s.limited(t, s.report.ID, 0, app.LinkOptions{MaxViewers: 1})

	s.open(t, s.ann.ID, link.Token) // the owner checking the link takes no place
	s.open(t, s.bob.ID, link.Token)
	_, err := s.app.Commands.Shares.Open(ctx, carol.ID, link.Token)
	assert.ErrorIs(t, err, domain.ErrLinkUsedUp)
	_, err = s.app.Commands.Shares.SharedFile(ctx, carol.ID, link.ID, s.report.ID)
	assert.ErrorIs(t, err, domain.ErrForbidden, "who was refused holds no grant")
	s.open(t, s.bob.ID, link.Token) // who was let in still is
	_, err = s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, link.ID, s.report.ID)
	require.NoError(t, err)

	got := s.links(t, s.ann.ID)[0]
	assert.Equal(t, 1, got.Viewers)
	assert.True(t, got.Full())
	assert.Equal(t, 4, got.Uses, "every opening and file given is a use")

	five := 5
	_, err = s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{MaxViewers: &five})
	require.NoError(t, err)
	s.open(t, carol.ID, link.Token)
}

func TestAProtectedLinkGivesItsFilesProtectedAndNoCopy(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	link := s.limited(t, 0, s.receipts.ID, app.LinkOptions{Protect: true})
	o := s.open(t, s.bob.ID, link.Token)
	assert.True(t, o.Share.Limits.Protect)
	g, err := s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, link.ID, s.report.ID)
	require.NoError(t, err)
	assert.Equal(t, app.Given{File: s.report, Protect: true}, g)
	_, err = s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, link.ID, s.report.ID)
	assert.ErrorIs(t, err, domain.ErrLinkProtected, "a copy would be a way round the protection")

	off := false
	_, err = s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{Protect: &off})
	require.NoError(t, err)
	res, err := s.app.Commands.Shares.SaveCopy(ctx, s.bob.ID, link.ID, s.report.ID)
	require.NoError(t, err)
	assert.Equal(t, s.bob.ID, res.File.OwnerID)
}

func TestLinkLimitsAreChangedByTheirOwnerWithinBounds(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	week := 7 * 24 * time.Hour
	link := s.limited(t, s.report.ID, 0, app.LinkOptions{Expiry: week, MaxViewers: 10})
	s.clock.Advance(time.Hour)

	five, tooMany, negative := 5, domain.MaxShareViewers+1, -time.Hour
	for name, tt := range map[string]struct {
		who int64
		ch  app.LimitChange
		err error
	}{
		"someone else's link":   {s.bob.ID, app.LimitChange{MaxViewers: &five}, domain.ErrForbidden},
		"too many people":       {s.ann.ID, app.LimitChange{MaxViewers: &tooMany}, domain.ErrInvalidSettings},
		"an expiry in the past": {s.ann.ID, app.LimitChange{Expiry: &negative}, domain.ErrInvalidSettings},
		"no change at all":      {s.ann.ID, app.LimitChange{}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.app.Commands.Shares.ChangeLimits(ctx, tt.who, link.ID, tt.ch)
			if tt.err == nil {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.err)
		})
	}
	_, err := s.app.Commands.Shares.CreateLimited(ctx, s.ann.ID, s.report.ID, 0, app.LinkOptions{MaxViewers: -1})
	assert.ErrorIs(t, err, domain.ErrInvalidSettings)

	got, err := s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{MaxViewers: &five})
	require.NoError(t, err)
	assert.Equal(t, 5, got.Limits.MaxViewers)
	require.NotNil(t, got.Limits.ExpiresAt)
	assert.Equal(t, start.Add(week), *got.Limits.ExpiresAt, "the expiry stays where it was")
	day := 24 * time.Hour
	got, err = s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{Expiry: &day})
	require.NoError(t, err)
	assert.Equal(t, start.Add(time.Hour+day), *got.Limits.ExpiresAt, "a new expiry counts from the change")

	_, err = s.app.Commands.Shares.Revoke(ctx, s.ann.ID, link.ID)
	require.NoError(t, err)
	_, err = s.app.Commands.Shares.ChangeLimits(ctx, s.ann.ID, link.ID, app.LimitChange{MaxViewers: &five})
	assert.ErrorIs(t, err, domain.ErrRevoked)
	_, err = s.app.Queries.Links.Link(ctx, s.ann.ID, link.ID)
	assert.ErrorIs(t, err, domain.ErrRevoked)
}

func TestAnEditedCaptionReplacesTheStoredOne(t *testing.T) {
	ctx := context.Background()
	s := newSharing(t, app.Limits{})
	res, err := s.app.Commands.ManageFiles.EditCaption(ctx, s.ann.ID, s.report.UniqueID, "  final figures\x00 ")
	require.NoError(t, err)
	assert.True(t, res.Changed)
	assert.Equal(t, "final figures", res.File.Caption, "cleaned as every caption")

	again, err := s.app.Commands.ManageFiles.EditCaption(ctx, s.ann.ID, s.report.UniqueID, "final figures")
	require.NoError(t, err)
	assert.False(t, again.Changed, "an edit of something else leaves it")

	_, found, err := s.app.Commands.Search.Start(ctx, s.ann.ID, "figures", domain.MaxPageSize, "")
	require.NoError(t, err)
	require.Len(t, found.Items, 1, "the new caption is searched")
	assert.Equal(t, s.report.ID, found.Items[0].ID)
	_, err = s.app.Commands.ManageFiles.EditCaption(ctx, s.bob.ID, s.report.UniqueID, "stolen")
	assert.ErrorIs(t, err, domain.ErrNotFound, "only the owner's file, by their own file_unique_id")
}
