//go:build unix

package iostreams

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIsNullDevice: only the null device itself is; a file, a pipe and a
// terminal-less descriptor are not.
func TestIsNullDevice(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	tests := []struct {
		name string
		f    *os.File
		want bool
	}{
		{"the null device", null, true},
		{"a file", file, false},
		{"a pipe", w, false},
	}
	for _, tt := range tests {
		if got := isNullDevice(tt.f); got != tt.want {
			t.Errorf("%s: isNullDevice = %v, want %v", tt.name, got, tt.want)
		}
	}
}
