package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Profile tells a user what they keep.
type Profile struct {
	uow   UnitOfWork
	botID int64
}

// NewProfile builds the profile query of the bot botID (its files are counted as it can send them).
func NewProfile(uow UnitOfWork, botID int64) Profile { return Profile{uow: uow, botID: botID} }

// ProfileView is what /profile shows.
type ProfileView struct {
	User         domain.User
	Usage        domain.Usage
	Categories   int
	ActiveShares int
	// Storage counts the user's files with a copy in the storage chat, and those the bot cannot
	// send (another bot's, with no copy).
	Storage domain.StorageCounts
}

// Show gathers the user's profile.
func (h Profile) Show(ctx context.Context, u domain.User) (ProfileView, error) {
	return inTx(ctx, h.uow, fmt.Sprintf("profile of user %d", u.ID), func(ctx context.Context, r Repos) (ProfileView, error) {
		v := ProfileView{User: u}
		var err error
		if v.Usage, err = r.Files.Usage(ctx, u.ID); err != nil {
			return ProfileView{}, err
		}
		if v.Categories, err = r.Categories.Count(ctx, u.ID); err != nil {
			return ProfileView{}, err
		}
		if v.Storage, err = r.Storage.Count(ctx, u.ID, h.botID); err != nil {
			return ProfileView{}, err
		}
		shares, err := r.Shares.ListActive(ctx, u.ID)
		v.ActiveShares = len(shares)
		return v, err
	})
}

// Settings lets a user change their settings.
type Settings struct {
	uow UnitOfWork
}

// NewSettings builds the settings command.
func NewSettings(uow UnitOfWork) Settings { return Settings{uow: uow} }

// Update validates and stores the user's settings (domain.ErrInvalidSettings out of bounds; the
// default category must be theirs) and returns the user as they now are.
func (h Settings) Update(ctx context.Context, u domain.User, s domain.Settings) (domain.User, error) {
	what := fmt.Sprintf("update settings of user %d", u.ID)
	if err := s.Validate(); err != nil {
		return domain.User{}, fmt.Errorf("%s: %w", what, err)
	}
	err := doTx(ctx, h.uow, what, func(ctx context.Context, r Repos) error {
		if s.DefaultCategoryID != nil {
			if _, err := ownedCategory(ctx, r, u.ID, *s.DefaultCategoryID); err != nil {
				return err
			}
		}
		return r.Users.UpdateSettings(ctx, u.ID, s)
	})
	if err != nil {
		return domain.User{}, err
	}
	u.PageSize, u.Language, u.DefaultCategoryID, u.Sort = s.PageSize, s.Language, s.DefaultCategoryID, s.Sort.Stored()
	return u, nil
}
