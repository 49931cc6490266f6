package texts

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestEnglishCountsByCLDR: the CLDR rules of English pick the form of a count, and a link never
// used has words of its own.
func TestEnglishCountsByCLDR(t *testing.T) {
	assert.Equal(t, []string{"0 files", "1 file", "2 files", "21 files"}, []string{enFiles(0), enFiles(1), enFiles(2), enFiles(21)})
	assert.Equal(t, "1 minute", enDuration(time.Minute))
	assert.Equal(t, "2 days", enDuration(48*time.Hour))
	assert.Equal(t, "3 hours", enDuration(3*time.Hour))
	assert.Equal(t, []string{"used once", "used 3 times"}, []string{enUsed(1), enUsed(3)})
}
