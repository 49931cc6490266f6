package domain_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestAnAlbumsNextFileIsInTheWindowWhenItCameSoonAfterTheOneBefore(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	first := domain.Album{LastFileAt: at}
	assert.False(t, first.InWindow(time.Minute), "the first file starts the album: no window yet")
	prev := at.Add(-5 * time.Second)
	next := domain.Album{LastFileAt: at, PrevFileAt: &prev}
	assert.True(t, next.InWindow(5*time.Second))
	assert.False(t, next.InWindow(4*time.Second))
}

func TestAnAlbumIsTitledByItsNameOrElseItsFirstCaption(t *testing.T) {
	s := domain.AlbumSummary{Caption: "Sea,\n  day one", Kinds: []domain.Kind{domain.KindPhoto, domain.KindVideo, domain.KindPhoto}}
	assert.Equal(t, "Sea, day one", s.Title())
	assert.Equal(t, map[domain.Kind]int{domain.KindPhoto: 2, domain.KindVideo: 1}, s.KindCounts())
	s.Name = "Trip"
	assert.Equal(t, "Trip", s.Title())
	assert.Empty(t, domain.AlbumSummary{}.Title(), "the view names it by its date")
}

func TestAnAlbumsNameIsValidatedLikeEveryName(t *testing.T) {
	var a domain.Album
	assert.NoError(t, a.Rename("  Trip  "))
	assert.Equal(t, "Trip", a.Name)
	var nameErr *domain.NameError
	assert.True(t, errors.As(a.Rename(""), &nameErr))
	assert.True(t, errors.As(a.Rename(strings.Repeat("a", domain.MaxAlbumNameLen+1)), &nameErr))
	assert.Equal(t, "Trip", a.Name, "a refused name changes nothing")
}
