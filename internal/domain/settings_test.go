package domain_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestUserLang(t *testing.T) {
	tests := []struct {
		name     string
		chosen   domain.Language
		telegram string
		want     domain.Language
	}{
		{"a user with no language anywhere is spoken to in English", "", "", domain.English},
		{"an English Telegram client gets English", "", "en", domain.English},
		{"a Russian Telegram client gets Russian", "", "ru", domain.Russian},
		{"a Russian client with a region gets Russian", "", "ru-RU", domain.Russian},
		{"a Russian code in capitals gets Russian", "", "RU", domain.Russian},
		{"a Ukrainian client gets Russian", "", "uk", domain.Russian},
		{"a Belarusian client gets Russian", "", "be", domain.Russian},
		{"a Ukrainian client with a region written with an underscore gets Russian", "", "uk_UA", domain.Russian},
		{"a German client gets English", "", "de", domain.English},
		{"a Brazilian Portuguese client gets English", "", "pt-br", domain.English},
		{"a language that only starts like Belarusian gets English", "", "bem", domain.English},
		{"a language that only starts like Russian gets English", "", "rup", domain.English},
		{"English chosen in the settings wins over a Russian client", domain.English, "ru", domain.English},
		{"Russian chosen in the settings wins over an English client", domain.Russian, "en", domain.Russian},
		{"an unknown chosen language is ignored", "de", "ru", domain.Russian},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := domain.User{Language: tt.chosen, LanguageCode: tt.telegram}
			assert.Equal(t, tt.want, u.Lang())
		})
	}
}

func TestLanguageValid(t *testing.T) {
	tests := []struct {
		name string
		lang domain.Language
		want bool
	}{
		{"English is spoken", domain.English, true},
		{"Russian is spoken", domain.Russian, true},
		{"no language is not a language", "", false},
		{"German is not spoken", "de", false},
		{"a language with a region is not a settings language", "ru-RU", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.lang.Valid())
		})
	}
	t.Run("every offered language is spoken", func(t *testing.T) {
		for _, l := range domain.Languages {
			assert.True(t, l.Valid(), l)
		}
	})
}

func TestSettingsValidate(t *testing.T) {
	category := int64(3)
	tests := []struct {
		name     string
		settings domain.Settings
		ok       bool
	}{
		{"the smallest page size is accepted", domain.Settings{PageSize: domain.MinPageSize}, true},
		{"the largest page size is accepted", domain.Settings{PageSize: domain.MaxPageSize}, true},
		{"a page size of 4 is refused", domain.Settings{PageSize: 4}, false},
		{"a page size of 21 is refused", domain.Settings{PageSize: 21}, false},
		{"a page size of 0 is refused", domain.Settings{PageSize: 0}, false},
		{"no language follows Telegram's and is accepted", domain.Settings{PageSize: 8, Language: ""}, true},
		{"a spoken language is accepted", domain.Settings{PageSize: 8, Language: domain.Russian}, true},
		{"an unknown language is refused", domain.Settings{PageSize: 8, Language: "de"}, false},
		{"a default category is accepted", domain.Settings{PageSize: 8, DefaultCategoryID: &category}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.settings.Validate()
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, domain.ErrInvalidSettings)
		})
	}
}

func TestUserSettings(t *testing.T) {
	category := int64(3)
	u := domain.User{ID: 1, PageSize: 12, Language: domain.Russian, DefaultCategoryID: &category}
	t.Run("a user's settings are their page size, language and default category", func(t *testing.T) {
		assert.Equal(t, domain.Settings{PageSize: 12, Language: domain.Russian, DefaultCategoryID: &category}, u.Settings())
	})
}
