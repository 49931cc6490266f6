package domain_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/filekeeper/filekeeper/internal/domain"
)

func TestStepValid(t *testing.T) {
	tests := []struct {
		name string
		step domain.Step
		want bool
	}{
		{"renaming a file is a step", domain.StepRenameFile, true},
		{"naming a new category is a step", domain.StepNewCategory, true},
		{"renaming a category is a step", domain.StepRenameCategory, true},
		{"uploading is a step", domain.StepUpload, true},
		{"searching is a step", domain.StepSearch, true},
		{"no step is not a step", "", false},
		{"an unknown step is not a step", "dance", false},
		{"a step in another case is not a step", "UPLOAD", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.step.Valid())
		})
	}
}

func TestStepRegistry(t *testing.T) {
	seen := map[domain.Step]bool{}
	for _, info := range domain.Steps() {
		assert.NotEmpty(t, info.Step, "a step has a name")
		assert.False(t, seen[info.Step], "step %q is registered once", info.Step)
		seen[info.Step] = true
		got, ok := domain.LookupStep(info.Step)
		assert.True(t, ok, "step %q is found", info.Step)
		assert.Equal(t, info, got)
	}
	for _, s := range []domain.Step{domain.StepRenameFile, domain.StepNewCategory, domain.StepRenameCategory, domain.StepUpload, domain.StepSearch, domain.StepEditTags, domain.StepRenameAlbum} {
		assert.True(t, seen[s], "step %q is registered", s)
	}
	upload, _ := domain.LookupStep(domain.StepUpload)
	assert.Equal(t, domain.ExpiresWhenQuiet, upload.Expiry, "an upload ends when it has been quiet")
	rename, _ := domain.LookupStep(domain.StepRenameFile)
	assert.Equal(t, domain.ExpiresAfterTTL, rename.Expiry)
	_, ok := domain.LookupStep("dance")
	assert.False(t, ok, "an unknown step is not found")
	domain.Steps()[0].Step = "changed"
	assert.True(t, domain.StepRenameFile.Valid(), "the registry is not changed through what Steps returns")
}

func TestConversationExpired(t *testing.T) {
	expiresAt := time.Date(2026, time.March, 1, 9, 30, 0, 0, time.UTC)
	c := domain.Conversation{UserID: 7, Step: domain.StepUpload, ExpiresAt: expiresAt}
	tests := []struct {
		name string
		now  time.Time
		want bool
	}{
		{"a conversation goes on before it expires", expiresAt.Add(-time.Nanosecond), false},
		{"a conversation is over at its expiry", expiresAt, true},
		{"a conversation is over after its expiry", expiresAt.Add(time.Hour), true},
		{"the expiry is compared as an instant, whatever the zone", expiresAt.In(time.FixedZone("MSK", 3*60*60)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, c.Expired(tt.now))
		})
	}
}
