package datadir_test

import (
	"testing"

	"github.com/filekeeper/filekeeper/internal/datadir"
)

func TestThePathFollowsXDGElseTheHome(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/xdg")
	if got := datadir.Path("postgres"); got != "/xdg/filekeeper/postgres" {
		t.Fatalf("with XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/ada")
	if got := datadir.Path("sandbox"); got != "/home/ada/.local/share/filekeeper/sandbox" {
		t.Fatalf("without XDG_DATA_HOME: %q", got)
	}
}
