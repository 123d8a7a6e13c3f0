package secretfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/validate"
)

func TestContent(t *testing.T) {
	tests := []struct {
		name, id, secret, want string
		refused                bool
	}{
		{"confidential", "cli_01ABC", "s3cr3t-_~", "FLEXSLOT_CLIENT_ID=cli_01ABC\nFLEXSLOT_CLIENT_SECRET=s3cr3t-_~\n", false},
		{"public: no secret line", "cli_01ABC", "", "FLEXSLOT_CLIENT_ID=cli_01ABC\n", false},
		{"a secret that would run code", "cli_01ABC", "x$(touch /tmp/pwned)", "", true},
		{"a secret with a line break sets another variable", "cli_01ABC", "x\nPATH=/tmp", "", true},
		{"an id with quotes", `cli_"1`, "s", "", true},
		{"an empty id", "", "s", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Content(tt.id, tt.secret)
			if tt.refused != errors.Is(err, validate.ErrNotCredential) || got != tt.want {
				t.Errorf("Content = %q, %v", got, err)
			}
		})
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "client.env")
	saved, err := Save(path, "cli_01ABC", "s3cr3t")
	if err != nil || saved.Path != path {
		t.Fatalf("Save: %+v, %v", saved, err)
	}
	assertOwnerOnly(t, path)
	if _, err := Save(path, "cli_01ABC", "other"); err == nil || !strings.Contains(err.Error(), "never overwritten") {
		t.Errorf("a second Save over the file: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "FLEXSLOT_CLIENT_ID=cli_01ABC\nFLEXSLOT_CLIENT_SECRET=s3cr3t\n" {
		t.Errorf("the first save was changed: %q", data)
	}
	refused := filepath.Join(dir, "refused.env")
	if _, err := Save(refused, "cli_01ABC", "a b"); !errors.Is(err, validate.ErrNotCredential) {
		t.Errorf("a secret that is not a credential: %v", err)
	}
	if _, err := os.Stat(refused); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused save left a file behind: %v", err)
	}
}

func TestPrepareAndCommit(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.env")
	if err := os.WriteFile(old, []byte("OLD=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Prepare(old, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Prepare over a file without force: %v", err)
	}
	// With force, the old file stays as it was until Commit, and after an
	// Abort (the create failed).
	p, err := Prepare(old, true)
	if err != nil {
		t.Fatal(err)
	}
	p.Abort()
	if data, _ := os.ReadFile(old); string(data) != "OLD=1\n" {
		t.Errorf("an aborted --force changed the old file: %q", data)
	}
	p, err = Prepare(old, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Commit("cli_1", "s3cr3t"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(old); string(data) != "FLEXSLOT_CLIENT_ID=cli_1\nFLEXSLOT_CLIENT_SECRET=s3cr3t\n" {
		t.Errorf("after Commit: %q", data)
	}
	assertOwnerOnly(t, old)
	// A refused credential leaves the old file and no new one.
	p, _ = Prepare(old, true)
	if err := p.Commit("cli_1", "a b"); !errors.Is(err, validate.ErrNotCredential) {
		t.Errorf("Commit of a non-credential: %v", err)
	}
	if data, _ := os.ReadFile(old); !strings.Contains(string(data), "s3cr3t") {
		t.Errorf("a refused Commit changed the file: %q", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestPrepareRefuses(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	os.WriteFile(target, []byte("precious\n"), 0o644)
	link := filepath.Join(dir, "link.env")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	open := filepath.Join(dir, "open")
	os.Mkdir(open, 0o777)
	os.Chmod(open, 0o777) // others may write, and it is not sticky
	tests := []struct {
		name, path string
		force      bool
		want       string
	}{
		{"a symbolic link, with force", link, true, "is a symbolic link"},
		{"a symbolic link", link, false, "is a symbolic link"},
		{"a directory others may write to", filepath.Join(open, "a.env"), true, "can be written by other users"},
		{"a directory", dir, true, "not a regular file"},
		{"a file, without force", target, false, "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Check, the dry run's, refuses the same and makes nothing.
			before, _ := os.ReadDir(filepath.Dir(tt.path))
			if err := Check(tt.path, tt.force); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check(%s): %v, want %q", tt.path, err, tt.want)
			}
			if after, _ := os.ReadDir(filepath.Dir(tt.path)); len(after) != len(before) {
				t.Errorf("Check made a file: %d entries, then %d", len(before), len(after))
			}
			if _, err := Prepare(tt.path, tt.force); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Prepare(%s): %v, want %q", tt.path, err, tt.want)
			}
		})
	}
	if data, _ := os.ReadFile(target); string(data) != "precious\n" {
		t.Errorf("the link's target changed: %q", data)
	}
	// The sticky temp directory is fine for a file of our own.
	if info, err := os.Stat(os.TempDir()); err == nil && info.Mode()&fs.ModeSticky != 0 && info.Mode().Perm()&0o002 != 0 {
		p, err := Prepare(filepath.Join(os.TempDir(), "flexslot-secretfile-test.env"), false)
		if err != nil {
			t.Errorf("the sticky temp directory was refused: %v", err)
		} else {
			p.Abort()
		}
	}
}

func TestExpandHome(t *testing.T) {
	t.Setenv("HOME", "/home/partner")
	for in, want := range map[string]string{"~/a.env": "/home/partner/a.env", "./a.env": "./a.env", "~x/a.env": "~x/a.env"} {
		if got := ExpandHome(in); got != want {
			t.Errorf("ExpandHome(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSecretReadsWhatContentWrote: the secret comes back from a file Content
// wrote; a public client's file, or no file, is an error.
func TestSecretReadsWhatContentWrote(t *testing.T) {
	tests := []struct {
		name, secret string
		missing      bool
	}{
		{"confidential", "s3cr3t-_~", false},
		{"public: no secret line", "", false},
		{"no file", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "client.env")
			if !tt.missing {
				content, err := Content("cli_01ABC", tt.secret)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			got, err := Secret(path)
			if tt.secret == "" {
				if err == nil {
					t.Errorf("Secret = %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.secret {
				t.Errorf("Secret = %q, %v; want %q", got, err, tt.secret)
			}
		})
	}
}
