package childproc_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/filekeeper/filekeeper/internal/childproc"
)

func start(t *testing.T, script string) (*childproc.Process, string) {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), "child.log")
	p, err := childproc.Start("/bin/sh", []string{"-c", script}, os.Environ(), logPath)
	require.NoError(t, err)
	t.Cleanup(func() {
		if p.Running() {
			p.Kill()
		}
	})
	return p, logPath
}

func TestStopEndsAChildThatHonoursSIGTERM(t *testing.T) {
	p, logPath := start(t, `trap 'echo bye; exit 0' TERM; echo hi; while :; do sleep 0.05; done`)
	require.Eventually(t, func() bool { b, _ := os.ReadFile(logPath); return string(b) == "hi\n" }, 5*time.Second, 10*time.Millisecond)
	rss, err := p.PeakRSS()
	require.NoError(t, err)
	assert.Positive(t, rss)

	took, err := p.Stop(5 * time.Second)
	require.NoError(t, err)
	assert.Less(t, took, 5*time.Second)
	b, _ := os.ReadFile(logPath)
	assert.Equal(t, "hi\nbye\n", string(b))
	assert.False(t, p.Running())
}

func TestStopKillsAChildThatIgnoresSIGTERM(t *testing.T) {
	p, logPath := start(t, `trap '' TERM; echo up; while :; do sleep 0.05; done`)
	require.Eventually(t, func() bool { b, _ := os.ReadFile(logPath); return len(b) > 0 }, 5*time.Second, 10*time.Millisecond)
	_, err := p.Stop(200 * time.Millisecond)
	require.ErrorIs(t, err, childproc.ErrTimeout)
	assert.False(t, p.Running())
}

func TestKillEndsTheChildAtOnce(t *testing.T) {
	p, _ := start(t, `trap '' TERM; while :; do sleep 0.05; done`)
	p.Kill()
	assert.False(t, p.Running())
	assert.Error(t, p.Wait(t.Context()), "killed by a signal")
}

func TestFreeAddrIsALocalPort(t *testing.T) {
	addr, err := childproc.FreeAddr()
	require.NoError(t, err)
	assert.Regexp(t, `^127\.0\.0\.1:\d+$`, addr)
}
