package profiling

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/fx"
	"go.uber.org/fx/fxtest"
	"go.uber.org/zap/zaptest"
)

func TestTheServerAnswersACPUProfileAndTheAllocations(t *testing.T) {
	s := New("127.0.0.1:0", zaptest.NewLogger(t))
	require.NoError(t, s.Start(context.Background()))
	t.Cleanup(func() { assert.NoError(t, s.Stop(context.Background())) })
	for _, path := range []string{"/debug/pprof/profile?seconds=1", "/debug/pprof/allocs"} {
		resp, err := http.Get("http://" + s.Addr() + path)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Equal(t, []byte{0x1f, 0x8b}, body[:2], "%s: a gzipped profile", path)
	}
}

func TestTheModuleServesOnlyWhenAnAddressIsSet(t *testing.T) {
	var off, on *Server
	fxtest.New(t, fx.Supply(Config{}, zaptest.NewLogger(t)), Module, fx.Populate(&off)).RequireStart().RequireStop()
	assert.Nil(t, off, "no PPROF_ADDR: no profiling server")

	app := fxtest.New(t, fx.Supply(Config{Addr: "127.0.0.1:0"}, zaptest.NewLogger(t)), Module, fx.Populate(&on))
	app.RequireStart()
	require.NotNil(t, on)
	resp, err := http.Get("http://" + on.Addr() + "/debug/pprof/")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	app.RequireStop()
}
