package app

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// RandomTokens makes share tokens from 128 bits of crypto/rand: 22 URL-safe characters, which
// fit a Telegram /start payload.
type RandomTokens struct{}

// NewToken returns a fresh unguessable token.
func (RandomTokens) NewToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("new share token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
