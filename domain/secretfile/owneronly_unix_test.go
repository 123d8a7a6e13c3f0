//go:build unix

package secretfile

import (
	"os"
	"testing"
)

// assertOwnerOnly fails t unless only the file's owner may read or write
// path: mode 0600.
func assertOwnerOnly(t *testing.T, path string) {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, info.Mode().Perm())
	}
}
