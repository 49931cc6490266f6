package files

import (
	"github.com/go-telegram/bot/models"

	"github.com/filekeeper/filekeeper/internal/botapi/content"
)

// New makes the file Telegram makes of an upload or a URL (data nil: content unknown) for the
// bot bot, its ids made from next(), and keeps it; the caller checked that it Fits. A picture
// Telegram can read becomes a photo of several sizes, each a file of its own.
func (s *Store) New(kind, name, mimeType string, data []byte, bot int64, next func() int64) (*File, error) {
	if mimeType == "" {
		mimeType = content.MIME(name, data)
	}
	if kind == "photo" && data != nil {
		if sizes, err := content.PhotoSizes(data); err == nil {
			photo, err := s.Photo(sizes, bot, next)
			if err != nil {
				return nil, err
			}
			return s.files[photo[len(photo)-1].FileID], nil
		}
	}
	id, unique := IDs(kind, data, next())
	m, mimeType := Carrier(kind, id, unique, name, mimeType, data)
	f := &File{Kind: kind, Bot: bot, Media: m, UniqueID: unique, Size: int64(len(data)), Name: name, MIMEType: mimeType, Data: data}
	if err := s.keep(id, f); err != nil {
		return nil, err
	}
	return f, nil
}

// Photo keeps each size of a photo as a file of its own for the bot bot, as Telegram does, and
// returns the message's photo field; the caller checked that the sizes Fit.
func (s *Store) Photo(sizes []content.Photo, bot int64, next func() int64) ([]models.PhotoSize, error) {
	photo := make([]models.PhotoSize, len(sizes))
	for i, p := range sizes {
		id, unique := IDs("photo", p.Data, next())
		photo[i] = models.PhotoSize{FileID: id, FileUniqueID: unique, Width: p.Width, Height: p.Height, FileSize: len(p.Data)}
	}
	for i, p := range sizes {
		err := s.keep(photo[i].FileID, &File{Kind: "photo", Bot: bot, Media: models.Message{Photo: photo}, UniqueID: photo[i].FileUniqueID,
			Size: int64(len(p.Data)), MIMEType: "image/jpeg", Data: p.Data})
		if err != nil {
			return nil, err
		}
	}
	return photo, nil
}
