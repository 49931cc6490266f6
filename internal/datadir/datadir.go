// Package datadir is where File Keeper keeps its data on a person's machine when nothing says
// otherwise: the embedded PostgreSQL's cluster and the sandbox's files, side by side.
package datadir

import (
	"os"
	"path/filepath"
)

// Path is $XDG_DATA_HOME/filekeeper/name, or ~/.local/share/filekeeper/name when XDG_DATA_HOME
// is unset (the temporary directory stands in for a home that cannot be found).
func Path(name string) string {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = os.TempDir()
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "filekeeper", name)
}
