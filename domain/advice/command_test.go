package advice

import (
	"strings"
	"testing"
)

// TestCommandsKeepTheAPI: every command the advice gives runs against the
// run's own API: a hint after a sandbox run must not send the user to
// production.
func TestCommandsKeepTheAPI(t *testing.T) {
	t.Cleanup(func() { SetAPI(false, "") })
	tests := []struct {
		name    string
		sandbox bool
		apiURL  string
		suffix  string
	}{
		{"production", false, "", ""},
		{"production named", false, "https://api.flexslot.gg/", ""},
		{"the in-process sandbox", true, "", " --sandbox"},
		{"a sandbox on loopback", false, "http://127.0.0.1:8080", " --api-url http://127.0.0.1:8080"},
		{"a URL a shell would split", false, "https://staging.example/a b", " --api-url 'https://staging.example/a b'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			SetAPI(tt.sandbox, tt.apiURL)
			_, request := LackedScopes([]string{"decks:write"})
			for _, got := range []string{Rotate("cli_1"), FindOut(), NotOurs("cli_1"), request, DraftKept("draft.json", false)} {
				line := got[strings.LastIndex(got, "flexslot-register"):]
				line = strings.TrimSuffix(strings.TrimSuffix(line, "."), "` gives one a new secret")
				line = strings.TrimSuffix(line, "` shows them")
				if !strings.HasSuffix(line, tt.suffix) || (tt.suffix == "" && strings.Contains(line, "--api-url")) {
					t.Errorf("%q does not end with %q", got, tt.suffix)
				}
			}
		})
	}
	SetAPI(false, "http://127.0.0.1:8080")
	if got := Rotate("cli_1"); got != "rotate it to get a new one: flexslot-register rotate cli_1 --api-url http://127.0.0.1:8080" {
		t.Errorf("Rotate = %q", got)
	}
	if got := DraftKept("my draft.json", false); !strings.HasSuffix(got, "flexslot-register --from 'my draft.json' --api-url http://127.0.0.1:8080") {
		t.Errorf("DraftKept = %q", got)
	}
}
