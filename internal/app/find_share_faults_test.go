package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// failingFiles fails the calls named true.
type failingFiles struct {
	app.FileRepository
	usage, byUniqueID, list bool
}

func (r failingFiles) Usage(ctx context.Context, ownerID int64) (domain.Usage, error) {
	if r.usage {
		return domain.Usage{}, errBroken
	}
	return r.FileRepository.Usage(ctx, ownerID)
}

func (r failingFiles) ByUniqueID(ctx context.Context, ownerID int64, uniqueID string) (domain.File, error) {
	if r.byUniqueID {
		return domain.File{}, errBroken
	}
	return r.FileRepository.ByUniqueID(ctx, ownerID, uniqueID)
}

func (r failingFiles) List(ctx context.Context, q app.FileQuery) ([]domain.File, error) {
	if r.list {
		return nil, errBroken
	}
	return r.FileRepository.List(ctx, q)
}

// failingShares fails the calls named true.
type failingShares struct {
	app.ShareRepository
	create, listActive, revoke, revokeForFile, countUse, grant bool
}

func (r failingShares) Create(ctx context.Context, s domain.Share) (domain.Share, error) {
	if r.create {
		return domain.Share{}, errBroken
	}
	return r.ShareRepository.Create(ctx, s)
}

func (r failingShares) ListActive(ctx context.Context, ownerID int64) ([]domain.ShareSummary, error) {
	if r.listActive {
		return nil, errBroken
	}
	return r.ShareRepository.ListActive(ctx, ownerID)
}

func (r failingShares) ListActivePage(ctx context.Context, q app.ShareQuery) ([]domain.ShareSummary, error) {
	if r.listActive {
		return nil, errBroken
	}
	return r.ShareRepository.ListActivePage(ctx, q)
}

func (r failingShares) Revoke(ctx context.Context, ownerID, id int64, at time.Time) error {
	if r.revoke {
		return errBroken
	}
	return r.ShareRepository.Revoke(ctx, ownerID, id, at)
}

func (r failingShares) Grant(ctx context.Context, shareID, viewerID int64, at time.Time) error {
	if r.grant {
		return errBroken
	}
	return r.ShareRepository.Grant(ctx, shareID, viewerID, at)
}

func (r failingShares) Admit(ctx context.Context, shareID, viewerID int64, at time.Time) (bool, error) {
	if r.grant {
		return false, errBroken
	}
	return r.ShareRepository.Admit(ctx, shareID, viewerID, at)
}

func (r failingShares) RevokeForFile(ctx context.Context, fileID int64, at time.Time) (int, error) {
	if r.revokeForFile {
		return 0, errBroken
	}
	return r.ShareRepository.RevokeForFile(ctx, fileID, at)
}

func (r failingShares) CountUse(ctx context.Context, id int64) error {
	if r.countUse {
		return errBroken
	}
	return r.ShareRepository.CountUse(ctx, id)
}

// failingCount fails Count.
type failingCount struct{ app.CategoryRepository }

func (failingCount) Count(context.Context, int64) (int, error) { return 0, errBroken }

// failingSearches fails Save.
type failingSearches struct{ app.SearchRepository }

func (failingSearches) Save(context.Context, domain.Search) (domain.Search, error) {
	return domain.Search{}, errBroken
}

// failingUsers fails the calls named true.
type failingUsers struct {
	app.UserRepository
	get, updateSettings bool
}

func (r failingUsers) Get(ctx context.Context, id int64) (domain.User, error) {
	if r.get {
		return domain.User{}, errBroken
	}
	return r.UserRepository.Get(ctx, id)
}

func (r failingUsers) UpdateSettings(ctx context.Context, userID int64, s domain.Settings) error {
	if r.updateSettings {
		return errBroken
	}
	return r.UserRepository.UpdateSettings(ctx, userID, s)
}

func TestFindAndShareReportAFailureHalfWay(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		limits     app.Limits
		breakRepos func(r *app.Repos)
		call       func(t *testing.T, a app.Application, s sharing, link domain.Share) error
		unchanged  func(t *testing.T, s sharing, link domain.Share) // nothing was written
	}{
		{"a search whose query cannot be saved fails", app.Limits{}, func(r *app.Repos) { r.Searches = failingSearches{r.Searches} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, _, err := a.Commands.Search.Start(ctx, s.ann.ID, "report", 0, "")
				return err
			}, nil},
		{"a search whose results cannot be listed fails", app.Limits{}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, list: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, _, err := a.Commands.Search.Start(ctx, s.ann.ID, "report", 0, "")
				return err
			}, nil},
		{"an inline search whose files cannot be listed fails", app.Limits{}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, list: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Queries.Find.Inline(ctx, s.ann.ID, "", 0)
				return err
			}, nil},
		{"a link that cannot be stored is not made, and not tried again", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, create: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.Shares.Create(ctx, s.ann.ID, s.invoice.ID, 0)
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Len(t, s.links(t, s.ann.ID), 1)
			}},
		{"an opening whose use cannot be counted fails", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, countUse: true} },
			func(_ *testing.T, a app.Application, s sharing, link domain.Share) error {
				_, err := a.Commands.Shares.Open(ctx, s.bob.ID, link.Token)
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Zero(t, s.links(t, s.ann.ID)[0].Uses)
			}},
		{"an opening whose grant cannot be stored fails and counts no use", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, grant: true} },
			func(_ *testing.T, a app.Application, s sharing, link domain.Share) error {
				_, err := a.Commands.Shares.Open(ctx, s.bob.ID, link.Token)
				return err
			}, func(t *testing.T, s sharing, link domain.Share) {
				assert.Zero(t, s.links(t, s.ann.ID)[0].Uses)
				_, err := s.app.Commands.Shares.SharedFile(ctx, s.bob.ID, link.ID, s.report.ID)
				assert.ErrorIs(t, err, domain.ErrForbidden, "no grant was kept")
			}},
		{"an opened category whose files cannot be listed fails", app.Limits{}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, list: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.Shares.Open(ctx, s.bob.ID, s.share(t, s.ann.ID, 0, s.receipts.ID).Token)
				return err
			}, nil},
		{"a list of links that cannot be read fails", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, listActive: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Queries.Links.List(ctx, s.ann.ID, domain.Cursor{}, 0)
				return err
			}, nil},
		{"a revocation that cannot be stored fails", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, revoke: true} },
			func(t *testing.T, a app.Application, s sharing, link domain.Share) error {
				_, err := a.Commands.Shares.Revoke(ctx, s.ann.ID, link.ID)
				return err
			}, func(t *testing.T, s sharing, link domain.Share) {
				s.open(t, s.bob.ID, link.Token)
			}},
		{"a trash whose links cannot be revoked leaves the file live", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, revokeForFile: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.ManageFiles.Trash(ctx, s.ann.ID, s.report.ID)
				return err
			}, func(t *testing.T, s sharing, link domain.Share) {
				assert.False(t, s.file(t, s.ann.ID, s.report.ID).Trashed())
				s.open(t, s.bob.ID, link.Token)
			}},
		{"a copy whose quota cannot be checked is not kept", app.Limits{QuotaFiles: 100}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, usage: true} },
			func(t *testing.T, a app.Application, s sharing, link domain.Share) error {
				s.open(t, s.bob.ID, link.Token)
				_, err := a.Commands.Shares.SaveCopy(ctx, s.bob.ID, link.ID, s.report.ID)
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Equal(t, 1, s.counts(t, s.bob.ID).Total)
			}},
		{"a file past the quota that cannot be looked up is not kept", app.Limits{QuotaFiles: 1}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, byUniqueID: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: s.bob.ID, File: document("new")})
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Equal(t, 1, s.counts(t, s.bob.ID).Total)
			}},
		{"a file whose owner's default cannot be read is not kept", app.Limits{}, func(r *app.Repos) { r.Users = failingUsers{UserRepository: r.Users, get: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.SaveFile.Handle(ctx, app.SaveFileInput{OwnerID: s.bob.ID, File: document("new")})
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Equal(t, 1, s.counts(t, s.bob.ID).Total)
			}},
		{"a profile whose usage cannot be read fails", app.Limits{}, func(r *app.Repos) { r.Files = failingFiles{FileRepository: r.Files, usage: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Queries.Profile.Show(ctx, s.ann)
				return err
			}, nil},
		{"a profile whose categories cannot be counted fails", app.Limits{}, func(r *app.Repos) { r.Categories = failingCount{r.Categories} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Queries.Profile.Show(ctx, s.ann)
				return err
			}, nil},
		{"a profile whose links cannot be listed fails", app.Limits{}, func(r *app.Repos) { r.Shares = failingShares{ShareRepository: r.Shares, listActive: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Queries.Profile.Show(ctx, s.ann)
				return err
			}, nil},
		{"settings that cannot be stored fail", app.Limits{}, func(r *app.Repos) { r.Users = failingUsers{UserRepository: r.Users, updateSettings: true} },
			func(t *testing.T, a app.Application, s sharing, _ domain.Share) error {
				_, err := a.Commands.Settings.Update(ctx, s.ann, domain.Settings{PageSize: 12})
				return err
			}, func(t *testing.T, s sharing, _ domain.Share) {
				assert.Equal(t, domain.DefaultPageSize, s.register(t, 42).PageSize)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSharing(t, app.Limits{})
			link := s.share(t, s.ann.ID, s.report.ID, 0)
			a := app.New(faultyUnitOfWork{UnitOfWork: s.store.UnitOfWork(), breakRepos: tt.breakRepos}, s.clock, app.RandomTokens{}, tt.limits)

			assert.ErrorIs(t, tt.call(t, a, s, link), errBroken)
			if tt.unchanged != nil {
				tt.unchanged(t, s, link)
			}
		})
	}
}
