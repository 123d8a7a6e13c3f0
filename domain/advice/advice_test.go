package advice

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		next     string
		mayExist bool
		retry    bool
		problem  string // a part of Problem, when it is rewritten
	}{
		{"validation", &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "x"}, "", false, false, ""},
		{"401", &api.Error{StatusCode: 401, Message: "m"}, "Check the token: create a new personal access token under Settings → Personal Access Tokens on flexslot.gg.", false, false, ""},
		{"403 at create", &api.Error{Op: api.OpCreate, StatusCode: 403}, "Only an approved, active partner account may register clients: apply for partner access or contact partner support.", false, false, ""},
		{"404 at the token check", &api.Error{Op: api.OpCheckToken, StatusCode: 404}, "Check the API URL (--api-url or FLEXSLOT_API_URL).", false, false, ""},
		{"404 for the partner row", &api.Error{Op: api.OpGetPartner, StatusCode: 404}, NoPartnerAccess, false, false, "no partner access"},
		{"403 for the partner row", &api.Error{Op: api.OpGetPartner, StatusCode: 403}, NoPartnerAccess, false, false, "no partner access"},
		{"429 with wait", &api.Error{StatusCode: 429, RetryAfter: 1500 * time.Millisecond}, "Try again in 2s.", false, true, ""},
		{"503 without wait", &api.Error{StatusCode: 503}, "Try again in a minute.", false, true, ""},
		{"500", &api.Error{StatusCode: 500}, "This is a problem on the server's side; try again in a moment.", false, true, ""},
		{"502 that may have created: no advice beside it", &api.Error{StatusCode: 502, MayHaveCreated: true}, "", true, true, ""},
		{"503 with Retry-After that may have created", &api.Error{StatusCode: 503, RetryAfter: 30 * time.Second, MayHaveCreated: true}, "", true, true, ""},
		{"network", &api.Error{Err: io.EOF, Message: "m"}, "Check your network connection and the API URL, then try again.", false, true, ""},
		{"not an API error", errors.New("boom"), "", false, false, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Of(tt.err)
			if w.Next != tt.next {
				t.Errorf("Next = %q, want %q", w.Next, tt.next)
			}
			if (w.MayExist != "") != tt.mayExist {
				t.Errorf("MayExist = %q, want set: %v", w.MayExist, tt.mayExist)
			}
			if w.Retry != tt.retry {
				t.Errorf("Retry = %v, want %v", w.Retry, tt.retry)
			}
			if tt.problem != "" && !strings.Contains(w.Problem, tt.problem) {
				t.Errorf("Problem = %q, want it to hold %q", w.Problem, tt.problem)
			}
			lines := strings.Join(w.Lines(), "\n")
			if tt.mayExist && !strings.Contains(lines, "may have been created") {
				t.Errorf("Lines() hide that the client may exist: %q", lines)
			}
		})
	}
}

func TestInterrupted(t *testing.T) {
	tests := []struct {
		name       string
		clientID   string
		kept, busy bool
		want       string
	}{
		{"secret lost", "cli_1", false, false, "stopped after registering cli_1; its secret was not saved: rotate it to get a new one: flexslot-register rotate cli_1"},
		{"secret kept", "cli_1", true, false, "stopped after registering cli_1."},
		{"in flight", "", false, true, "stopped while registering. The client may have been created. `flexslot-register list` shows your clients; `flexslot-register rotate CLIENT_ID` gives one a new secret."},
		{"nothing", "", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Interrupted(tt.clientID, tt.kept, tt.busy); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
