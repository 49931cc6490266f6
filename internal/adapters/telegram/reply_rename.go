package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/domain"
	"github.com/filekeeper/filekeeper/internal/logging"
)

// Telegram keeps a file's own name under its file_id: a renamed file sent back by file_id would
// come under its old name. So the first send after a rename downloads the file (getFile, then the
// file's URL) and uploads it under its new name; the new file_id is recorded, and later sends use
// it as any other.

// downloadClient fetches files from the Bot API's file URLs (honouring HTTPS_PROXY, as the
// default transport does); a file is at most domain.MaxDownloadSize.
var downloadClient = &http.Client{Timeout: 2 * time.Minute}

// recordRenames gives every file the reply sends whose name Telegram does not show yet the way
// to record its new file id once uploaded again.
func (r *Router) recordRenames(reply *Reply) {
	for i, a := range reply.actions {
		s, ok := a.(sendFile)
		if !ok || !s.file.RenamePending {
			continue
		}
		f := s.file
		s.reuploaded = func(ctx context.Context, newID string) error {
			return r.app.Commands.ManageFiles.Reuploaded(ctx, f.OwnerID, f.ID, f.TelegramFileID, newID)
		}
		reply.actions[i] = s
	}
}

// deliverRenamed sends the file uploaded again under its name. sent is false when nothing was
// sent (the file could not be fetched, or Telegram refused the upload): the caller sends it by
// file_id then, under its old name, rather than not at all.
func (a sendFile) deliverRenamed(ctx context.Context, b *bot.Bot) (sent bool, err error) {
	log := logging.FromContext(ctx, zap.NewNop()).WithLazy(zap.Int64("file_id", a.file.ID))
	data, err := download(ctx, b, a.file.TelegramFileID)
	if err != nil {
		log.Warn("a renamed file could not be fetched: sent under its old name", zap.Error(err))
		return false, nil
	}
	m, err := a.upload(ctx, b, &models.InputFileUpload{Filename: a.file.Name, Data: bytes.NewReader(data)})
	switch {
	case errors.Is(err, bot.ErrorBadRequest):
		log.Warn("a renamed file was refused as an upload: sent under its old name", zap.Error(err))
		return false, nil
	case err != nil:
		return true, err // it may have been sent: it is not sent twice
	}
	newID := sentFileID(m, a.file.Carrier)
	if newID == "" {
		return true, fmt.Errorf("the uploaded file came back without a file id: %w", errSentAnyway)
	}
	log.Info("a renamed file was uploaded under its new name", zap.Int("bytes", len(data)))
	if err := a.reuploaded(ctx, newID); err != nil {
		return true, fmt.Errorf("record the new file id: %w: %w", errSentAnyway, err)
	}
	return true, nil
}

// upload sends the file's content, captioned with its name, with the method of its kind where
// Telegram shows the name of what was uploaded (video, audio, animation), as a document otherwise.
func (a sendFile) upload(ctx context.Context, b *bot.Bot, in *models.InputFileUpload) (*models.Message, error) {
	kind := domain.KindDocument
	switch a.file.Carrier {
	case domain.KindVideo, domain.KindAudio, domain.KindAnimation:
		kind = a.file.Carrier
	}
	return a.send(ctx, b, kind, in, a.file.Name)
}

// sentFileID is the file id of the file a sent message carries.
func sentFileID(m *models.Message, carrier domain.Kind) string {
	switch {
	case m == nil:
		return ""
	case carrier == domain.KindAnimation && m.Animation != nil:
		return m.Animation.FileID
	case m.Video != nil:
		return m.Video.FileID
	case m.Audio != nil:
		return m.Audio.FileID
	case m.Document != nil:
		return m.Document.FileID
	}
	return ""
}

// download fetches a file's content: getFile, then its download URL, which holds the token, so
// no error here carries the URL.
func download(ctx context.Context, b *bot.Bot, fileID string) ([]byte, error) {
	f, err := b.GetFile(ctx, &bot.GetFileParams{FileID: fileID})
	if err != nil {
		return nil, fmt.Errorf("getFile: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.FileDownloadLink(f), nil)
	if err != nil {
		return nil, errors.New("download: the file's URL is malformed")
	}
	resp, err := downloadClient.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download: HTTP %d", resp.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, domain.MaxDownloadSize+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("download: %w", err)
	case len(data) > domain.MaxDownloadSize:
		return nil, errors.New("download: larger than a bot may fetch")
	}
	return data, nil
}
