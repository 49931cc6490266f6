package logging_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/filekeeper/filekeeper/internal/logging"
)

// TestInfoLinesAreSampledAndEveryWarningAndErrorIsWritten: a burst of the same info line (the
// line every update closes with) is sampled, the same warn or error line never is.
func TestInfoLinesAreSampledAndEveryWarningAndErrorIsWritten(t *testing.T) {
	var out bytes.Buffer
	log, err := logging.NewTo("info", "json", zapcore.AddSync(&out))
	require.NoError(t, err)
	const burst = 1000
	for i := range burst {
		log.Info("update handled", zap.Int("i", i))
		log.Warn("update failed: retrying", zap.Int("i", i))
		log.Error("update failed: left for redelivery", zap.Int("i", i))
		log.Debug("update dropped: nothing kept")
	}
	counts := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var entry struct{ Level, Msg, Caller string }
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		counts[entry.Level]++
		assert.NotEmpty(t, entry.Caller, "lines say where they were logged")
	}
	assert.Equal(t, burst, counts["warn"], "every warning")
	assert.Equal(t, burst, counts["error"], "every error")
	// SampleFirst, then one in SampleThereafter: 109 of 1000 (twice as many if the burst crosses a
	// second's boundary, where the sampler counts afresh).
	assert.GreaterOrEqual(t, counts["info"], logging.SampleFirst+(burst-logging.SampleFirst)/logging.SampleThereafter, "the first of the info lines")
	assert.Less(t, counts["info"], 3*(logging.SampleFirst+(burst-logging.SampleFirst)/logging.SampleThereafter), "the info lines sampled")
	assert.Zero(t, counts["debug"], "below the level")
}

func TestTheLevelIsChecked(t *testing.T) {
	_, err := logging.New("loud", "json")
	assert.ErrorContains(t, err, `LOG_LEVEL "loud"`)
	log, err := logging.New("debug", "console")
	require.NoError(t, err)
	assert.True(t, log.Core().Enabled(zapcore.DebugLevel))
}
