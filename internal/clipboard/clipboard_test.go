package clipboard

import (
	"errors"
	"testing"
)

// memory is a clipboard in memory whose reads can fail.
type memory struct {
	text    string
	readErr error
}

func (m *memory) WriteAll(text string) error { m.text = text; return nil }
func (m *memory) ReadAll() (string, error)   { return m.text, m.readErr }

// TestClear: the secret is cleared; what the user copied since is left
// alone; a clipboard that cannot be read back is emptied all the same, since
// it may hold the secret and the screen promised the clear.
func TestClear(t *testing.T) {
	tests := []struct {
		name     string
		holds    string
		readErr  error
		wantDone bool
		wantLeft string
	}{
		{"holds the secret", "s3cr3t", nil, true, ""},
		{"holds something else", "a recipe", nil, false, "a recipe"},
		{"cannot be read back", "s3cr3t", errors.New("xclip: exit status 1"), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := &memory{text: tt.holds, readErr: tt.readErr}
			got := Clear(cb, "s3cr3t")
			if got.Done != tt.wantDone || got.Err != nil || cb.text != tt.wantLeft {
				t.Errorf("Clear = %+v, the clipboard holds %q; want done %v, %q", got, cb.text, tt.wantDone, tt.wantLeft)
			}
		})
	}
}
