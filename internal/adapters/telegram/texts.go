package telegram

import (
	"fmt"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// All user-facing texts live here, so a second language is one more table, not a hunt.

const (
	txtHelp = "📁 File Keeper keeps your files so you can find them again.\n\n" +
		"• Send me any file — a document, photo, video, audio, voice note, GIF or video note — and I keep it, sorted by kind.\n" +
		"• 📂 My files shows them by kind, newest first; tap one and I send it back.\n" +
		"• The same file sent twice is kept once.\n\n" +
		"Commands: /start — main menu, /files — my files, /help — this text."
	txtUpload = "📤 Send me a file — document, photo, video, audio, voice note, GIF or video note — " +
		"and I'll keep it. You can send several at once."
	txtLibraryEmpty  = "📭 Your library is empty. Send me a file and I'll keep it."
	txtOnlyFiles     = "I keep files. Send me a document, photo, video, audio, voice note, GIF or video note, or use the menu below."
	txtStickerRefuse = "Stickers can't be kept, sorry. Send me a document, photo, video, audio, voice note, GIF or video note."
	txtUnsupported   = "I can't keep this kind of message. Send me a document, photo, video, audio, voice note, GIF or video note."
	txtStaleButton   = "This button is out of date — here is the current menu."
	txtNotYourFile   = "That file isn't in your library."
	txtFileGone      = "That file is no longer in your library."
	txtSending       = "Sending…"
	txtInternal      = "Sorry, something went wrong on my side. Please try again in a moment."
	txtBadFile       = "Telegram didn't give me enough about this file to keep it. Please send it again."
	txtEmptyKind     = "No files of this kind yet."
	txtPrev          = "◀ Prev"
	txtNext          = "Next ▶"
	txtBackToKinds   = "⬅ Kinds"
	txtMenu          = "🏠 Menu"
	txtBtnUpload     = "📤 Upload"
	txtBtnFiles      = "📂 My files"
	txtBtnHelp       = "❓ Help"
	txtBtnAll        = "🗂 All"
)

func txtGreeting(name string) string {
	return fmt.Sprintf("👋 Hi, %s! I'm File Keeper: send me files and I'll keep them, sorted, ready to send back.", name)
}

func txtUnknownCommand(cmd string) string {
	return fmt.Sprintf("I don't know the command %s. Try /help.", cmd)
}

func txtSaved(f domain.File) string {
	return fmt.Sprintf("✅ Saved %s “%s” (%s).", kindLabel(f.Kind), f.Name, humanSize(f.Size))
}

func txtAlreadySaved(f domain.File) string {
	return fmt.Sprintf("☑️ Already saved: %s “%s”.", kindLabel(f.Kind), f.Name)
}

func txtTooLarge(size, limit int64) string {
	return fmt.Sprintf("This file is %s; I keep files of up to %s.", humanSize(size), humanSize(limit))
}

func txtKindsMenu(total int) string {
	return fmt.Sprintf("📂 Your files: %d in all. Pick a kind:", total)
}

func txtListHeader(kind domain.Kind, shown int) string {
	if kind == "" {
		return fmt.Sprintf("🗂 All files — %d on this page. Tap one to get it back.", shown)
	}
	return fmt.Sprintf("%s %s — %d on this page. Tap one to get it back.", kindEmoji(kind), kindPlural(kind), shown)
}

var kindNames = map[domain.Kind][3]string{ // emoji, singular, plural
	domain.KindDocument:  {"📄", "document", "Documents"},
	domain.KindPhoto:     {"🖼", "photo", "Photos"},
	domain.KindVideo:     {"🎬", "video", "Videos"},
	domain.KindAudio:     {"🎵", "audio", "Audio"},
	domain.KindVoice:     {"🎙", "voice note", "Voice notes"},
	domain.KindAnimation: {"🎞", "GIF", "GIFs"},
	domain.KindVideoNote: {"⏺", "video note", "Video notes"},
}

func kindEmoji(k domain.Kind) string  { return kindNames[k][0] }
func kindLabel(k domain.Kind) string  { return kindNames[k][1] }
func kindPlural(k domain.Kind) string { return kindNames[k][2] }

// humanSize renders a byte count the way people read it: 0 B, 999 B, 1.5 KB, 12 MB, 2.0 GB.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 4; m /= unit {
		div *= unit
		exp++
	}
	v := float64(n) / float64(div)
	if v >= 10 {
		return fmt.Sprintf("%.0f %cB", v, "KMGTP"[exp])
	}
	return fmt.Sprintf("%.1f %cB", v, "KMGTP"[exp])
}
