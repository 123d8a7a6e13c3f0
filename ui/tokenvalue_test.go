package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestFormRefusesTheToken: the wizard refuses a personal access token typed
// as the application name or a redirect URI at that field, does not move on,
// sends nothing, and the draft offered on leaving keeps the rest without it;
// with nothing else typed, none is offered.
func TestFormRefusesTheToken(t *testing.T) {
	const token = "flx_pat_TypedByMistake0123"
	tests := []struct {
		name  string
		drive func(d *driver)
		draft bool // something besides the token is worth keeping
	}{
		{"as the name", func(d *driver) {
			d.typ(token)
			d.send(keyEnter, "holds a personal access token")
		}, false},
		{"as a redirect URI", func(d *driver) {
			d.typ("Deck Tracker")
			d.send(keyEnter, "┃ Client type")
			d.send(keyEnter, "Redirect URIs · 2 of 4")
			d.typ("https://a.example/cb?t=" + token)
			d.send(keyTab, "holds a personal access token")
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "draft.json")
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			cfg.DraftPath = path
			d := start(t, cfg)
			d.wait("Application name")
			tt.drive(d)
			time.Sleep(50 * time.Millisecond) // a move to the next page would show by now
			if screen := d.screen(); strings.Contains(screen, "Access · 3 of 4") || strings.Contains(screen, "Review") {
				t.Fatalf("the form moved on:\n%s", screen)
			}
			if !tt.draft {
				d.tm.Send(keyCtrlC)
				if result := d.ended(); len(stub.Created) != 0 || result.DraftSaved != "" {
					t.Fatalf("%d creates, draft %q", len(stub.Created), result.DraftSaved)
				}
				return
			}
			d.send(keyCtrlC, "Keep your answers?")
			d.tm.Send(keyEnter)
			result := d.ended()
			if len(stub.Created) != 0 || result.DraftSaved != path {
				t.Fatalf("%d creates, draft %q", len(stub.Created), result.DraftSaved)
			}
			data, err := os.ReadFile(path)
			if err != nil || strings.Contains(string(data), "TypedByMistake") || !strings.Contains(string(data), "Deck Tracker") {
				t.Errorf("the draft (%v) keeps the token, or not the name:\n%s", err, data)
			}
		})
	}
}
