package ui

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// hostileMarkers are parts of sandbox.HostileText that our own drawing never
// writes (lipgloss writes only SGR sequences): finding one in a frame means a
// server's text reached the terminal raw.
var hostileMarkers = []string{"\x1b]52;", "\x1b[2J", "\x1b]0;", "\x07", "\u202e", "\u2066", "\u009b", "\nnext"}

// TestHostileServerInTheWizard drives sandbox.HostileText through the
// full-screen wizard: in the partner row and token prefix (the header), in a
// manifest's values (form and review), in the server's refusals (at the
// fields and on the review) and in every string of a 201 (the result screen),
// and checks every frame drawn.
func TestHostileServerInTheWizard(t *testing.T) {
	tests := []struct {
		name string
		want string // on the last screen reached
	}{
		{"sandbox:400-hostile", "name refused"},
		{"sandbox:201-hostile", "not a valid credential"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := sandbox.New(sandbox.Config{PartnerName: sandbox.HostileText + "Partner", RateLimitTier: sandbox.HostileText + "standard"})
			srv := httptest.NewServer(sb)
			t.Cleanup(func() { sb.Close(); srv.Close() })
			cfg := flow.Config{
				Token:   sb.Token(),
				Connect: func(token string) (flow.API, error) { return api.New(srv.URL, token) },
				Request: uitest.ExampleRequest("confidential"),
			}
			cfg.Request.ApplicationName = tt.name
			cfg.Request.ApplicationURL = "https://decktracker.example/\u202eevil"
			d := start(t, cfg)
			d.wait("Application name")
			d.toPage(4)
			d.tm.Send(keyCtrlU) // the hostile link fails its rule: clear it
			d.linksToReview()
			d.send(keyEnter, tt.want)
			d.final()
			d.rec.mu.Lock()
			frames := d.rec.frames
			d.rec.mu.Unlock()
			for i, frame := range frames {
				for _, marker := range hostileMarkers {
					if strings.Contains(frame, marker) {
						t.Fatalf("frame %d of %d carries %q raw:\n%s", i+1, len(frames), marker, frame)
					}
				}
			}
			if len(frames) < 5 {
				t.Errorf("only %d frames drawn", len(frames))
			}
		})
	}
}
