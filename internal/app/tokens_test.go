package app_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/app"
	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestRandomTokens(t *testing.T) {
	urlSafe := regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)
	const n = 1000
	tokens := make(map[string]bool, n)
	for range n {
		token, err := app.RandomTokens{}.NewToken()
		require.NoError(t, err)
		tokens[token] = true
	}

	t.Run("every token is 22 URL-safe characters", func(t *testing.T) {
		for token := range tokens {
			assert.Regexp(t, urlSafe, token)
		}
	})
	t.Run("every token has the shape of a share token", func(t *testing.T) {
		for token := range tokens {
			assert.True(t, domain.ValidToken(token), token)
		}
	})
	t.Run("a thousand tokens are all different", func(t *testing.T) {
		assert.Len(t, tokens, n)
	})
}
