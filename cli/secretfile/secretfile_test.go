package secretfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"flexslot-register/validate"
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
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the file is %v (%v), want mode 0600", info, err)
	}
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

func TestCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "client.env")
	if err := os.WriteFile(path, []byte("OLD=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(path, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a file without force: %v", err)
	}
	f, err := Create(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if info, _ := f.Stat(); info.Mode().Perm() != 0o600 {
		t.Errorf("a forced file has mode %o, want 0600", info.Mode().Perm())
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
