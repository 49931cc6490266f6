package botapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/go-telegram/bot/models"
)

// Albums: a user sends several files as one media group (each its own message and update, all
// with one media_group_id), and a bot sends one back with sendMediaGroup.

// maxAlbum is the most items an album holds, sent by a user or by a bot.
const maxAlbum = 10

// NewMediaGroupID makes a media_group_id, different on every call and shaped like Telegram's.
func (s *Server) NewMediaGroupID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mediaGroupID()
}

// mediaGroupID makes a media_group_id; the caller holds s.mu.
func (s *Server) mediaGroupID() string { return fmt.Sprintf("1%017d", s.nextSeq()) }

// SendAlbum sends items as one album from the user, as a Telegram app does: 2–10 messages each
// carrying one photo, video, document or audio (documents only with documents, audio only with
// audio), the caption on whichever the user gave it. Each message is its own update, queued in
// order; the group id comes back with them.
func (s *Server) SendAlbum(from models.User, items []models.Message) (string, []models.Update, error) {
	if len(items) < 2 || len(items) > maxAlbum {
		return "", nil, fmt.Errorf("an album holds 2 to %d files, not %d", maxAlbum, len(items))
	}
	kinds := make([]string, len(items))
	for i, m := range items {
		kinds[i] = albumKind(m)
	}
	if err := checkAlbumMix(kinds); err != nil {
		return "", nil, errors.New(err.Description)
	}
	group := s.NewMediaGroupID()
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]models.Update, len(items))
	for i, m := range items {
		m.MediaGroupID = group
		out[i] = s.sendFrom(from, m)
	}
	return group, out, nil
}

// albumKind is the kind of media a message carries, as an album item ("" for none it can hold).
func albumKind(m models.Message) string {
	switch {
	case len(m.Photo) > 0:
		return "photo"
	case m.Video != nil:
		return "video"
	case m.Animation != nil:
		return "animation"
	case m.Document != nil:
		return "document"
	case m.Audio != nil:
		return "audio"
	}
	return ""
}

// checkAlbumMix refuses a mix Telegram refuses: photos and videos go together, documents only
// with documents, audio only with audio.
func checkAlbumMix(kinds []string) *APIError {
	for _, k := range kinds {
		switch k {
		case "photo", "video":
		case "document", "audio":
			for _, o := range kinds {
				if o != k {
					return badRequest(k + " can't be mixed with other media types")
				}
			}
		default:
			return badRequest(fmt.Sprintf("can't parse InputMedia: type %q can't be used in sendMediaGroup", k))
		}
	}
	return nil
}

// inputMedia is one item of sendMediaGroup's media.
type inputMedia struct {
	Type      string `json:"type"`
	Media     string `json:"media"`
	Caption   string `json:"caption"`
	ParseMode string `json:"parse_mode"`
}

// sendMediaGroup sends 1–10 files as one album. Telegram sends a single item as a message of its
// own, outside any album; an empty, an oversized or a refused mix sends nothing.
func sendMediaGroup(s *Server, p params) (any, *APIError) {
	c, apiErr := s.chatParam(p)
	if apiErr != nil {
		return nil, apiErr
	}
	items, apiErr := mediaItems(p)
	if apiErr != nil {
		return nil, apiErr
	}
	msgs := make([]models.Message, len(items))
	sources := make([]string, len(items))
	for i, it := range items {
		m, source, apiErr := s.albumItem(p, it)
		if apiErr != nil {
			return nil, apiErr
		}
		if apiErr := s.replyTo(c, p, &m); apiErr != nil {
			return nil, apiErr
		}
		msgs[i], sources[i] = m, source
	}
	group := ""
	if len(msgs) > 1 {
		group = s.mediaGroupID()
	}
	for i := range msgs {
		msgs[i].MediaGroupID, msgs[i].HasProtectedContent = group, p["protect_content"] == "true"
		msgs[i] = s.sendAsBot(c, msgs[i], sources[i])
	}
	return msgs, nil
}

// mediaItems reads and checks the media parameter.
func mediaItems(p params) ([]inputMedia, *APIError) {
	raw, ok := p["media"]
	if !ok {
		return nil, badRequest(`parameter "media" is required`)
	}
	var items []inputMedia
	if json.Unmarshal([]byte(raw), &items) != nil {
		return nil, badRequest("can't parse media JSON object")
	}
	switch {
	case len(items) == 0:
		return nil, badRequest("there are no messages to send")
	case len(items) > maxAlbum:
		return nil, badRequest("too many messages to send as an album")
	}
	kinds := make([]string, len(items))
	for i, it := range items {
		kinds[i] = it.Type
	}
	return items, checkAlbumMix(kinds)
}

// albumItem resolves one item's file (a file_id, or an upload attach://<field> names) into the
// message that carries it.
func (s *Server) albumItem(p params, it inputMedia) (models.Message, string, *APIError) {
	one := params{it.Type: it.Media}
	if field, ok := strings.CutPrefix(it.Media, attachPrefix); ok {
		if _, present := p[uploadKey(field)]; !present {
			return models.Message{}, "", badRequest("can't parse InputMedia: media not found")
		}
		one[it.Type], one[uploadKey(it.Type)] = p[field], p[uploadKey(field)]
	}
	f, apiErr := s.inputFile(it.Type, one, []string{it.Type})
	if apiErr != nil {
		return models.Message{}, "", apiErr
	}
	caption := format(params{"caption": it.Caption, "parse_mode": it.ParseMode}, "caption", "caption_entities")
	if caption.length() > maxCaptionLen {
		return models.Message{}, "", badRequest("message caption is too long")
	}
	m := f.Media
	m.Caption = caption.visible
	return m, caption.source, nil
}

// ErrAlbumKinds refuses an album upload Telegram's apps would not make.
var ErrAlbumKinds = errors.New("an album holds 2 to 10 photos and videos, or documents, or audio files (no GIFs, voice or video notes, stickers)")

// UploadAlbum sends uploads as one album from the user, as a Telegram app does when several
// files are picked with "group items": each its own message, all with one media_group_id. A
// refused album keeps and sends nothing.
func (s *Server) UploadAlbum(from models.User, ups []Upload) (string, []models.Update, error) {
	if len(ups) < 2 || len(ups) > maxAlbum {
		return "", nil, ErrAlbumKinds
	}
	prepared := make([]preparedUpload, len(ups))
	kinds := make([]string, len(ups))
	var need int64
	for i, u := range ups {
		if u.As != "" && u.As != "file" && u.As != "document" {
			return "", nil, ErrAlbumKinds
		}
		p, err := prepareUpload(u)
		if err != nil {
			return "", nil, err
		}
		prepared[i], kinds[i], need = p, p.kind, need+p.need
	}
	if checkAlbumMix(kinds) != nil {
		return "", nil, ErrAlbumKinds
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.files.Fits(need) {
		return "", nil, ErrStorageFull
	}
	group := s.mediaGroupID()
	out := make([]models.Update, len(prepared))
	for i, p := range prepared {
		m, err := s.storeUpload(p)
		if err != nil {
			return "", nil, err
		}
		m.MediaGroupID = group
		out[i] = s.sendFrom(from, m)
	}
	return group, out, nil
}
