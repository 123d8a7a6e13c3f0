package secretfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "flexslot-client.json")
	if _, err := SaveNew(path, "{}\n", false); err != nil {
		t.Fatal(err)
	}
	assertOwnerOnly(t, path)
	if _, err := SaveNew(path, `{"application_name": "x"}`, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over an existing file without replace: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "{}\n" {
		t.Errorf("the refused write changed the file: %q", data)
	}
	if _, err := SaveNew(path, "{\"application_name\": \"x\"}\n", true); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "{\"application_name\": \"x\"}\n" {
		t.Errorf("replace wrote %q", data)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(path, link); err == nil {
		if _, err := SaveNew(link, "{}", true); err == nil {
			t.Error("wrote through a symbolic link")
		}
	}
}
