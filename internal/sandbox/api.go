package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/botapi"
)

// The page's JSON API: what a Telegram app would do for its user.

func (s *Server) users(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, Users) }

func (s *Server) commands(w http.ResponseWriter, _ *http.Request) {
	cmds := s.api.Commands()
	if cmds == nil {
		cmds = []models.BotCommand{}
	}
	writeJSON(w, http.StatusOK, cmds)
}

// maxText is the longest message a Telegram app sends in one piece.
const maxText = 4096

func (s *Server) sendText(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	var body struct {
		Text string `json:"text"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body); err != nil {
		writeProblem(w, http.StatusBadRequest, "The message could not be read.")
		return
	}
	switch n := utf8.RuneCountInString(body.Text); {
	case strings.TrimSpace(body.Text) == "":
		s.log.Info("sandbox: empty message refused", zap.Int64("user_id", user.ID))
		writeProblem(w, http.StatusBadRequest, "The message is empty.")
		return
	case n > maxText:
		s.log.Info("sandbox: long message refused", zap.Int64("user_id", user.ID), zap.Int("length", n))
		writeProblem(w, http.StatusBadRequest, fmt.Sprintf("The message is %d characters long; Telegram sends at most %d in one message.", n, maxText))
		return
	}
	upd := s.api.SendText(user, body.Text)
	writeJSON(w, http.StatusOK, map[string]any{"update_id": upd.ID, "message_id": upd.Message.ID})
}

func (s *Server) press(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	var body struct {
		MessageID int    `json:"message_id"`
		Data      string `json:"data"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body); err != nil || body.MessageID <= 0 || body.Data == "" {
		writeProblem(w, http.StatusBadRequest, "The button press could not be read.")
		return
	}
	upd := s.api.PressButton(user, models.Message{ID: body.MessageID, Chat: models.Chat{ID: user.ID}}, body.Data)
	writeJSON(w, http.StatusOK, map[string]any{"update_id": upd.ID})
}

// inlineQuery plays the user typing "@bot query" in the message box: the bot gets an inline
// query, and its answer reaches the page on the live stream (an "inline" event with query_id).
func (s *Server) inlineQuery(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	var body struct {
		Query  string `json:"query"`
		Offset string `json:"offset"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body); err != nil {
		writeProblem(w, http.StatusBadRequest, "The inline query could not be read.")
		return
	}
	if n := utf8.RuneCountInString(body.Query); n > botapi.MaxInlineQuery {
		s.log.Info("sandbox: inline query refused", zap.Int64("user_id", user.ID), zap.Int("length", n))
		writeProblem(w, http.StatusBadRequest, fmt.Sprintf("The query is %d characters long; Telegram sends at most %d to a bot.", n, botapi.MaxInlineQuery))
		return
	}
	upd := s.api.SendInlineQuery(user, body.Query, body.Offset)
	writeJSON(w, http.StatusOK, map[string]any{"update_id": upd.ID, "query_id": upd.InlineQuery.ID})
}

// chooseInline plays the user picking one of the results the bot offered: the user sends it
// into the chat, via the bot.
func (s *Server) chooseInline(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	var body struct {
		QueryID  string `json:"query_id"`
		ResultID string `json:"result_id"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&body); err != nil || body.QueryID == "" || body.ResultID == "" {
		writeProblem(w, http.StatusBadRequest, "The choice could not be read.")
		return
	}
	upd, err := s.api.ChooseInlineResult(user, body.QueryID, body.ResultID)
	if err != nil {
		s.log.Info("sandbox: inline result refused", zap.Int64("user_id", user.ID), zap.String("query_id", body.QueryID),
			zap.String("result_id", body.ResultID), zap.Error(err))
		status := http.StatusBadRequest
		if errors.Is(err, botapi.ErrInlineResultGone) {
			status = http.StatusNotFound
		}
		writeProblem(w, status, sentence(err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"update_id": upd.ID, "message_id": upd.Message.ID})
}

// maxFormField bounds the text fields of an upload form.
const maxFormField = 16 << 10

var errUploadTooLarge = fmt.Errorf("the file is larger than %d MB: the sandbox keeps files of up to %d MB", botapi.MaxUploadSize>>20, botapi.MaxUploadSize>>20)

// sendFile takes a file from the page's composer (multipart: file, caption, as_file) as the
// user's message. It reads the form as a stream and stops at the size limit.
func (s *Server) sendFile(w http.ResponseWriter, r *http.Request) {
	user, ok := s.user(w, r)
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, botapi.MaxUploadSize+maxFormField*4)
	up, err := readUpload(r)
	if err == nil {
		var upd models.Update
		if upd, err = s.api.Upload(user, up); err == nil {
			writeJSON(w, http.StatusOK, map[string]any{"update_id": upd.ID, "message_id": upd.Message.ID})
			return
		}
	}
	s.uploadFailed(w, user, err)
}

// uploadFailed answers an upload that was refused or could not be read.
func (s *Server) uploadFailed(w http.ResponseWriter, user models.User, err error) {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig), errors.Is(err, errUploadTooLarge), errors.Is(err, botapi.ErrTooLarge):
		writeProblem(w, http.StatusRequestEntityTooLarge, sentence(errUploadTooLarge))
	case errors.Is(err, botapi.ErrStorageFull):
		writeProblem(w, http.StatusInsufficientStorage, fmt.Sprintf("The sandbox holds as many files as it keeps (%d MB); "+
			"stop it and empty its files folder (SANDBOX_FILES_DIR) to start afresh.", botapi.DefaultMaxStorage>>20))
	case errors.Is(err, botapi.ErrEmptyFile), errors.Is(err, botapi.ErrCaptionTooLong), errors.Is(err, errNoFile),
		errors.Is(err, botapi.ErrNotVoice), errors.Is(err, botapi.ErrNotVideoNote), errors.Is(err, botapi.ErrNotSticker),
		errors.Is(err, botapi.ErrNoCaption), errors.Is(err, botapi.ErrUnknownKind), errors.Is(err, botapi.ErrAlbumKinds),
		errors.Is(err, errTooManyFiles):
		s.log.Info("sandbox: upload refused", zap.Int64("user_id", user.ID), zap.Error(err))
		writeProblem(w, http.StatusBadRequest, sentence(err))
	default:
		s.log.Info("sandbox: unreadable upload", zap.Int64("user_id", user.ID), zap.Error(err))
		writeProblem(w, http.StatusBadRequest, "The upload could not be read.")
	}
}

var errNoFile = errors.New("there is no file in the upload")

func readUpload(r *http.Request) (botapi.Upload, error) {
	ups, err := readUploads(r, 1)
	if err != nil {
		return botapi.Upload{}, err
	}
	return ups[0], nil
}

// readUploads reads the files of an upload form (at most most of them), the caption going with
// the first and the way to send them (as_file, as) with each.
func readUploads(r *http.Request, most int) ([]botapi.Upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	var ups []botapi.Upload
	var form botapi.Upload // caption, as_file and as
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read upload: %w", err)
		}
		switch part.FormName() {
		case "file":
			if len(ups) == most {
				return nil, errTooManyFiles
			}
			up, err := readFilePart(part)
			if err != nil {
				return nil, err
			}
			ups = append(ups, up)
		case "caption", "as_file", "as":
			if err := readFormPart(part, &form); err != nil {
				return nil, err
			}
		}
	}
	if len(ups) == 0 {
		return nil, errNoFile
	}
	for i := range ups {
		ups[i].AsFile, ups[i].As = form.AsFile, form.As
	}
	ups[0].Caption = form.Caption
	return ups, nil
}

var errTooManyFiles = errors.New("an album holds at most 10 files")

func readFilePart(part *multipart.Part) (botapi.Upload, error) {
	up := botapi.Upload{Name: part.FileName()}
	if t := part.Header.Get("Content-Type"); t != "application/octet-stream" {
		up.MIMEType, _, _ = mime.ParseMediaType(t)
	}
	var err error
	if up.Data, err = io.ReadAll(io.LimitReader(part, botapi.MaxUploadSize+1)); err != nil {
		return up, fmt.Errorf("read upload: %w", err)
	}
	if len(up.Data) > botapi.MaxUploadSize {
		return up, errUploadTooLarge
	}
	return up, nil
}

func readFormPart(part *multipart.Part, form *botapi.Upload) error {
	value, err := io.ReadAll(io.LimitReader(part, maxFormField))
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	switch part.FormName() {
	case "caption":
		form.Caption = string(value)
	case "as_file":
		form.AsFile, _ = strconv.ParseBool(string(value))
	default: // voice, video_note, sticker; empty: by the file's type
		form.As = string(value)
	}
	return nil
}

// inlineTypes are shown in the page; every other file is downloaded, so a file a user sent
// (an HTML page, an SVG) can never run in the page's origin.
var inlineTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

// file serves the bytes of a file the server holds, for previews and downloads.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	f, ok := s.api.File(r.PathValue("id"))
	if !ok {
		writeProblem(w, http.StatusNotFound, "The sandbox does not hold this file's content.")
		return
	}
	name := f.Name
	if name == "" {
		name = "file"
		if exts, _ := mime.ExtensionsByType(f.MIMEType); len(exts) > 0 {
			name += exts[len(exts)-1]
		}
	}
	disposition := "attachment"
	if inlineTypes[f.MIMEType] {
		disposition = "inline"
	}
	// Served on the page's origin, a file someone sent must never run there: anything but a
	// picture, a sound or a video goes as application/octet-stream, and only pictures are shown
	// rather than downloaded.
	w.Header().Set("Content-Type", botapi.SafeContentType(f.MIMEType))
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": name}))
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cross-Origin-Resource-Policy", "same-origin")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.Data))
}

// user is the sandbox user the path names, or a 404.
func (s *Server) user(w http.ResponseWriter, r *http.Request) (models.User, bool) {
	u, ok := userByID(r.PathValue("user"))
	if !ok {
		writeProblem(w, http.StatusNotFound, "There is no such sandbox user.")
	}
	return u, ok
}

// sentence turns an error's text into a sentence for the page.
func sentence(err error) string {
	text := err.Error()
	if text == "" {
		return text
	}
	r, size := utf8.DecodeRuneInString(text)
	return strings.ToUpper(string(r)) + text[size:] + "."
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeProblem answers with a message the page shows as it is.
func writeProblem(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}
