package embedded

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckClusterVersion(t *testing.T) {
	dir := t.TempDir()
	assert.NoError(t, checkClusterVersion(dir, "15"), "no cluster yet")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "PG_VERSION"), []byte("15\n"), 0o600))
	assert.NoError(t, checkClusterVersion(dir, "15"), "same major")
	assert.ErrorContains(t, checkClusterVersion(dir, "16"), "PostgreSQL 15", "another major is refused, not wiped")
}
