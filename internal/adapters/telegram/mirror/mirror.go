// Package mirror keeps a copy of every kept file in the storage chat (STORAGE_CHAT_ID), deletes
// there the copies of files deleted for good, and takes from the copies file ids of the running
// bot: a file id is valid only for the bot that received it, and the copies are what lets the
// library move to another bot. Its methods are the work of the job engine's storage jobs and of
// `filekeeper rebind` and `filekeeper mirror backfill`.
package mirror

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

// Config is the storage chat: where copies go (0: none are made; the copies of deleted files
// are still deleted, in whatever chat they are), and whether those of deleted files stay.
type Config struct {
	ChatID      int64
	KeepDeleted bool
	// ClaimLease is how long an attempt at a copy holds it (claim.go); 0 is DefaultClaimLease.
	ClaimLease time.Duration
}

// DefaultClaimLease is the ClaimLease of the zero Config.
const DefaultClaimLease = 2 * time.Minute

func (c Config) lease() time.Duration {
	if c.ClaimLease > 0 {
		return c.ClaimLease
	}
	return DefaultClaimLease
}

// Mirror does the storage chat's work through the Bot API client (its calls paced by the flood
// transport like every other).
type Mirror struct {
	bot     *bot.Bot
	storage app.Storage
	cfg     Config
	log     *zap.Logger
	copies  *prometheus.CounterVec
	rebinds *prometheus.CounterVec
}

// New builds the Mirror of the bot b.
func New(b *bot.Bot, storage app.Storage, cfg Config, log *zap.Logger) *Mirror {
	return &Mirror{bot: b, storage: storage, cfg: cfg, log: log.Named("mirror"),
		copies: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_storage_copies_total",
			Help: "Files copied to the storage chat, by outcome (copied; duplicate: a copy made twice, deleted; skipped: gone, copied before, or another bot's; failed; leftover: a post of an attempt that died before recording it, found and deleted).",
		}, []string{"outcome"}),
		rebinds: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "filekeeper_storage_rebinds_total",
			Help: "File ids of this bot taken from storage copies, by outcome (rebound, failed).",
		}, []string{"outcome"}),
	}
}

// Collectors are the Mirror's metrics: its counters, and gauges of the files with a copy and of
// those the bot cannot send (read from the database on each scrape).
func (m *Mirror) Collectors() []prometheus.Collector {
	gauge := func(name, help string, pick func(domain.StorageCounts) int) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
			c, err := m.storage.Counts(context.Background(), 0, m.bot.ID())
			if err != nil {
				return -1
			}
			return float64(pick(c))
		})
	}
	return []prometheus.Collector{m.copies, m.rebinds,
		gauge("filekeeper_storage_files_copied", "Files with a copy in the storage chat.", func(c domain.StorageCounts) int { return c.Copied }),
		gauge("filekeeper_storage_files_unreachable", "Files kept by another bot with no copy: this bot cannot send them.",
			func(c domain.StorageCounts) int { return c.Unreachable }),
	}
}

// permanent marks a refusal of Telegram that trying again cannot cure: the job is not retried.
func permanent(err error) error {
	if errors.Is(err, bot.ErrorBadRequest) {
		return fmt.Errorf("%w: %w", app.ErrPermanent, err)
	}
	return err
}

// send posts the file by its file id in chatID with caption, by the method of its carrier.
func send(ctx context.Context, b *bot.Bot, chatID int64, f domain.File, caption string) (*models.Message, error) {
	in := &models.InputFileString{Data: f.TelegramFileID}
	switch f.Carrier {
	case domain.KindPhoto:
		return b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: chatID, Photo: in, Caption: caption, DisableNotification: true})
	case domain.KindVideo:
		return b.SendVideo(ctx, &bot.SendVideoParams{ChatID: chatID, Video: in, Caption: caption, DisableNotification: true})
	case domain.KindAudio:
		return b.SendAudio(ctx, &bot.SendAudioParams{ChatID: chatID, Audio: in, Caption: caption, DisableNotification: true})
	case domain.KindVoice:
		return b.SendVoice(ctx, &bot.SendVoiceParams{ChatID: chatID, Voice: in, Caption: caption, DisableNotification: true})
	case domain.KindAnimation:
		return b.SendAnimation(ctx, &bot.SendAnimationParams{ChatID: chatID, Animation: in, Caption: caption, DisableNotification: true})
	case domain.KindVideoNote: // Telegram gives video notes no caption: the copy is told by its file only
		return b.SendVideoNote(ctx, &bot.SendVideoNoteParams{ChatID: chatID, VideoNote: in, DisableNotification: true})
	}
	return b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: chatID, Document: in, Caption: caption, DisableNotification: true})
}

// CarriedFileID is the file id of the file of kind carrier a message carries (the largest size
// of a photo); "" if it carries none.
func CarriedFileID(m *models.Message, carrier domain.Kind) string {
	switch {
	case m == nil:
	case carrier == domain.KindPhoto && len(m.Photo) > 0:
		return m.Photo[len(m.Photo)-1].FileID
	case carrier == domain.KindVoice && m.Voice != nil:
		return m.Voice.FileID
	case carrier == domain.KindVideoNote && m.VideoNote != nil:
		return m.VideoNote.FileID
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
