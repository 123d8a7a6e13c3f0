package secretfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFilesAreOwnerOnlyFromTheStart: every file the package makes is readable
// by its user only (assertOwnerOnly: mode 0600 on Unix, on Windows a protected
// DACL with one ACE, for the current user) from its creation: the name
// Prepare reserves and the new file before Commit, not only the file after
// the rename; and a file replaced is replaced by one of ours, whatever the
// old one allowed.
func TestFilesAreOwnerOnlyFromTheStart(t *testing.T) {
	tests := []struct {
		name string
		// make writes through the package at path and returns the files
		// to check, before and after a Commit.
		make func(t *testing.T, path string) []string
	}{
		{"a saved secret file", func(t *testing.T, path string) []string {
			if _, err := Save(path, "cli_01ABC", "s3cr3t"); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}},
		{"a saved draft", func(t *testing.T, path string) []string {
			if _, err := SaveNew(path, "{}\n", false); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}},
		{"a draft over a file others may read", func(t *testing.T, path string) []string {
			writeOpenFile(t, path)
			if _, err := SaveNew(path, "{}\n", true); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}},
		{"before Commit: the reserved name and the new file", func(t *testing.T, path string) []string {
			p, err := Prepare(path, false)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(p.Abort)
			return []string{p.Path(), p.tmp.Name()}
		}},
		{"with force, over a file others may read: the new file, then the target", func(t *testing.T, path string) []string {
			writeOpenFile(t, path)
			p, err := Prepare(path, true)
			if err != nil {
				t.Fatal(err)
			}
			assertOwnerOnly(t, p.tmp.Name())
			if err := p.Commit("cli_01ABC", "s3cr3t"); err != nil {
				t.Fatal(err)
			}
			return []string{path}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, file := range tt.make(t, filepath.Join(t.TempDir(), "client.env")) {
				assertOwnerOnly(t, file)
			}
		})
	}
}

// writeOpenFile writes a file as any program would, with what the directory
// and the umask allow.
func writeOpenFile(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("OLD=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
