package app

import (
	"context"
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// Profile tells a user what they keep, and lets them change their settings.
type Profile struct {
	uow UnitOfWork
}

// NewProfile builds the profile and settings use cases.
func NewProfile(uow UnitOfWork) Profile { return Profile{uow: uow} }

// ProfileView is what /profile shows.
type ProfileView struct {
	User         domain.User
	Usage        domain.Usage
	Categories   int
	ActiveShares int
}

// Show gathers the user's profile.
func (h Profile) Show(ctx context.Context, u domain.User) (ProfileView, error) {
	v := ProfileView{User: u}
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		var err error
		if v.Usage, err = r.Files.Usage(ctx, u.ID); err != nil {
			return err
		}
		if v.Categories, err = r.Categories.Count(ctx, u.ID); err != nil {
			return err
		}
		shares, err := r.Shares.ListActive(ctx, u.ID)
		v.ActiveShares = len(shares)
		return err
	})
	if err != nil {
		return ProfileView{}, fmt.Errorf("profile of user %d: %w", u.ID, err)
	}
	return v, nil
}

// UpdateSettings validates and stores the user's settings (domain.ErrInvalidSettings out of
// bounds; the default category must be theirs) and returns the user as they now are.
func (h Profile) UpdateSettings(ctx context.Context, u domain.User, s domain.Settings) (domain.User, error) {
	if err := s.Validate(); err != nil {
		return domain.User{}, fmt.Errorf("update settings of user %d: %w", u.ID, err)
	}
	err := h.uow.Do(ctx, func(ctx context.Context, r Repos) error {
		if s.DefaultCategoryID != nil {
			if _, err := ownedCategory(ctx, r, u.ID, *s.DefaultCategoryID); err != nil {
				return err
			}
		}
		return r.Users.UpdateSettings(ctx, u.ID, s)
	})
	if err != nil {
		return domain.User{}, fmt.Errorf("update settings of user %d: %w", u.ID, err)
	}
	u.PageSize, u.Language, u.DefaultCategoryID = s.PageSize, s.Language, s.DefaultCategoryID
	return u, nil
}
