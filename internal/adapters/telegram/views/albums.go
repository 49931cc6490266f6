package views

import (
	"github.com/go-telegram/bot/models"

	"slices"
	"strings"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// maxAlbumButtons bounds the files an album's card lists, one button each.
const maxAlbumButtons = 20

// AlbumTitle is what an album is called: its name, its first caption, or its date.
func (t *Texts) AlbumTitle(s domain.AlbumSummary) string {
	if title := s.Title(); title != "" {
		return TruncateRunes(title, domain.MaxAlbumNameLen)
	}
	return t.AlbumUntitled(t.Date(s.CreatedAt))
}

// albumContents says what an album holds: "3 files: 2 photos, 1 video" (the kinds in the order
// they first come).
func (t *Texts) albumContents(s domain.AlbumSummary) string {
	counts := s.KindCounts()
	var kinds []string
	var seen []domain.Kind
	for _, k := range s.Kinds {
		if !slices.Contains(seen, k) {
			seen = append(seen, k)
			kinds = append(kinds, t.AlbumKindCount(k, counts[k]))
		}
	}
	return t.AlbumFiles(s.Files) + ": " + strings.Join(kinds, ", ")
}

// AlbumSavedView confirms an album as far as its files came: the one message of the whole album.
func (t *Texts) AlbumSavedView(a app.AlbumArrival) View {
	text := t.AlbumAlreadySaved(a.Album.Received)
	if a.Album.Added > 0 {
		text = t.AlbumSaved(t.AlbumTitle(a.Summary), t.albumContents(a.Summary), t.Size(a.Summary.Bytes))
		if known := a.Album.Received - a.Album.Added; known > 0 {
			text += "\n" + t.AlbumSavedKnown(known)
		}
	}
	rows := []row{{button(t.BtnFiles, Callback{Action: ActKinds})}}
	if a.Summary.Files > 0 || a.OpenID != a.Album.ID {
		rows = append([]row{{button(t.BtnAlbumOpen, Callback{Action: ActAlbum, AlbumID: a.OpenID})}}, rows...)
	}
	return View{Text: text, Keyboard: keyboard(rows...)}
}

// albumButton is the entry of an album in a list.
func (t *Texts) albumButton(s domain.AlbumSummary, ref ListRef) models.InlineKeyboardButton {
	return button(fitLabel("📚 ", t.AlbumTitle(s), " · "+t.AlbumFiles(s.Files)), Callback{Action: ActAlbum, AlbumID: s.ID, List: ref})
}

// entryButton is a list's button for f: its card, or its album's when f stands for one.
func (t *Texts) entryButton(f domain.File, ref ListRef, albums map[int64]domain.AlbumSummary) models.InlineKeyboardButton {
	if f.AlbumID != nil {
		if s, ok := albums[*f.AlbumID]; ok {
			return t.albumButton(s, ref)
		}
	}
	return button(t.fileLabel(f), Callback{Action: ActCard, FileID: f.ID, List: ref})
}

// AlbumView shows an album with what can be done to it as a whole, and its files, each opening
// its own card. Opened from the trash (or with no live file left) it shows the album's trashed
// files and Restore.
func (t *Texts) AlbumView(d app.AlbumDetails, back ListRef) View {
	in := ListRef{Filter: domain.FileFilter{AlbumID: d.Album.ID}}
	on := func(a Action) Callback { return Callback{Action: a, AlbumID: d.Album.ID, List: back} }
	backBtn := button(t.BtnBack, Callback{Action: ActList, List: back})
	if back.Filter.AlbumID == d.Album.ID {
		backBtn = button(t.BtnBack, Callback{Action: ActList})
	}
	files, sum := d.Files, d.Live
	trash := back.Filter.Trashed || len(d.Files) == 0
	if trash {
		files, sum = d.Trashed, trashedSummary(d)
	}
	text := t.AlbumCard(t.AlbumTitle(sum), t.albumContents(sum), t.Size(sum.Bytes), t.Date(d.Album.CreatedAt))
	var rows []row
	if trash {
		text += "\n" + t.AlbumInTrash
		rows = append(rows, row{button(t.BtnRestore, on(ActAlbumRestore))})
	} else {
		rows = append(rows,
			row{button(t.BtnAlbumGet, Callback{Action: ActAlbumGet, AlbumID: d.Album.ID}), button(t.BtnRename, on(ActAlbumRename))},
			row{button(t.BtnMove, on(ActAlbumMovePick)), button(t.BtnDelete, on(ActAlbumDelete))},
			row{button(t.BtnShare, Callback{Action: ActAlbumLinkOpts, AlbumID: d.Album.ID, List: back, Opts: NewLinkOpts})},
		)
	}
	for _, f := range files[:min(len(files), maxAlbumButtons)] {
		rows = append(rows, row{button(t.fileLabel(f), Callback{Action: ActCard, FileID: f.ID, List: in})})
	}
	rows = append(rows, row{backBtn, button(t.BtnMenu, Callback{Action: ActMenu})})
	return View{Text: text, Keyboard: keyboard(rows...)}
}

// trashedSummary is what the album holds in the trash.
func trashedSummary(d app.AlbumDetails) domain.AlbumSummary {
	s := domain.AlbumSummary{ID: d.Album.ID, Name: d.Album.Name, CreatedAt: d.Album.CreatedAt, Caption: d.Live.Caption}
	for _, f := range d.Trashed {
		s.Files++
		s.Bytes += f.Size
		s.Kinds = append(s.Kinds, f.Kind)
		if s.Caption == "" {
			s.Caption = f.Caption
		}
	}
	return s
}

// AlbumDeleteConfirm asks before deleting an album's files to the trash.
func (t *Texts) AlbumDeleteConfirm(d app.AlbumDetails, back ListRef) View {
	return View{Text: t.AlbumDeleteAsk(t.AlbumTitle(d.Live), d.Live.Files), Keyboard: keyboard(
		row{button(t.BtnYesDelete, Callback{Action: ActAlbumDeleteYes, AlbumID: d.Album.ID, List: back})},
		row{button(t.BtnCancel, Callback{Action: ActAlbum, AlbumID: d.Album.ID, List: back})},
	)}
}

// AlbumTrashedView tells an album went to the trash, with Undo.
func (t *Texts) AlbumTrashedView(d app.AlbumDetails, back ListRef) View {
	sum := trashedSummary(d)
	return View{Text: t.AlbumTrashed(t.AlbumTitle(sum), sum.Files), Keyboard: keyboard(
		row{button(t.BtnUndo, Callback{Action: ActAlbumRestore, AlbumID: d.Album.ID, List: back})},
		row{button(t.BtnBack, Callback{Action: ActList, List: back}), button(t.BtnMenu, Callback{Action: ActMenu})},
	)}
}

// AlbumMovePicker lets the user pick the category to move an album's files to.
func (t *Texts) AlbumMovePicker(d app.AlbumDetails, cats app.CategoryList, back ListRef) View {
	to := func(id int64) Callback {
		return Callback{Action: ActAlbumMoveTo, AlbumID: d.Album.ID, CategoryID: id, List: back}
	}
	rows := []row{{button(t.BtnNoCategory, to(0))}}
	for _, c := range cats.Page.Items {
		rows = append(rows, row{button(fitLabel("🏷 ", c.Name, ""), to(c.ID))})
	}
	rows = append(rows, t.pageNav(cats.Page, func(c domain.Cursor) Callback {
		return Callback{Action: ActAlbumMovePick, AlbumID: d.Album.ID, List: back, Page: c}
	})...)
	rows = append(rows, row{button(t.BtnCancel, Callback{Action: ActAlbum, AlbumID: d.Album.ID, List: back})})
	return View{Text: t.MoveAsk(t.AlbumTitle(d.Live)), Keyboard: keyboard(rows...)}
}
