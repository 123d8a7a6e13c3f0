package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// TestRequestScopesScripted: request-scopes against the sandbox over
// loopback: the answer printed or as JSON, the request as the sandbox got it,
// and the refusals before anything is sent.
func TestRequestScopesScripted(t *testing.T) {
	sb := startSandbox(t)
	const why = "Players export their decks to PDF."
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string
		sent         *api.ScopeRequest
	}{
		{"a scope", []string{"request-scopes", "--scope", "exports:read", "--justification", why}, 0,
			": pending\nReceived.", "", &api.ScopeRequest{Justification: why, RequestedScopes: []string{"exports:read"}}},
		{"as JSON", []string{"request-scopes", "--scope", "guides:read", "--game-scope", "lorcana", "--json", "--justification", " " + why + " "}, 0,
			`"status": "pending"`, "", &api.ScopeRequest{Justification: why, RequestedScopes: []string{"guides:read"}, RequestedGameScopes: []string{"lorcana"}}},
		{"no scope", []string{"request-scopes", "--justification", why}, cli.ExitUsage, "", "name at least one scope or game scope", nil},
		{"an unknown scope", []string{"request-scopes", "--scope", "decks:delete", "--justification", why}, cli.ExitUsage, "", `"decks:delete" is not a scope`, nil},
		{"a bad game scope", []string{"request-scopes", "--game-scope", "mtg:arena", "--justification", why}, cli.ExitUsage, "", "letters, digits, - and _", nil},
		{"no justification", []string{"request-scopes", "--scope", "exports:read"}, cli.ExitUsage, "", "--justification: say why in at least 10 characters", nil},
		{"an argument", []string{"request-scopes", "exports:read"}, cli.ExitUsage, "", "unexpected argument", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			before := len(sb.ScopeRequests())
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
			}
			got := sb.ScopeRequests()[before:]
			switch {
			case tt.sent == nil && len(got) > 0:
				t.Errorf("sent %+v", got)
			case tt.sent != nil && (len(got) != 1 || !equalJSON(got[0], *tt.sent)):
				t.Errorf("sent %+v, want %+v", got, *tt.sent)
			}
		})
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestRequestScopesFromAHostileServer: the server's answer and its
// complaints reach stdout and stderr cleaned, as text and as JSON.
func TestRequestScopesFromAHostileServer(t *testing.T) {
	refuse := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if refuse {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string][]string{"justification": {sandbox.HostileText + "Too vague."}})
			return
		}
		w.WriteHeader(http.StatusAccepted)
		json.NewEncoder(w).Encode(api.ScopeRequestAnswer{ID: sandbox.HostileText + "id", Status: sandbox.HostileText + "pending", Message: sandbox.HostileText + "Thanks."})
	}))
	t.Cleanup(srv.Close)
	t.Setenv("FLEXSLOT_API_URL", srv.URL)
	for _, args := range [][]string{{}, {"--json"}} {
		t.Setenv("FLEXSLOT_TOKEN", "flx_pat_example") // each run takes it out of the environment
		code, stdout, stderr := runWith(t, "", append([]string{"request-scopes", "--scope", "exports:read", "--justification", "Players export decks."}, args...)...)
		if code != 0 || !strings.Contains(stdout, "Thanks.") {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q", args, code, stdout, stderr)
		}
		if bad := rawControl(stdout + stderr); bad != "" {
			t.Errorf("%v: raw control in %q", args, bad)
		}
	}
	refuse = true
	t.Setenv("FLEXSLOT_TOKEN", "flx_pat_example")
	code, stdout, stderr := runWith(t, "", "request-scopes", "--scope", "exports:read", "--justification", "Players export decks.")
	if code != cli.ExitFailed || !strings.Contains(stderr, "--justification: ") || !strings.Contains(stderr, "Too vague.") {
		t.Errorf("refused: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	if bad := rawControl(stdout + stderr); bad != "" {
		t.Errorf("refused: raw control in %q", bad)
	}
}

// TestDraftFromAScriptedRun: --draft keeps the valid answers of a run that
// stops before sending, as a manifest --from reads back, and never replaces
// a file without --force.
func TestDraftFromAScriptedRun(t *testing.T) {
	sb := startSandbox(t)
	path := filepath.Join(t.TempDir(), "draft.json")
	steps := []struct {
		args []string
		errs []string
		name string // the draft's application_name after the step
	}{
		{[]string{"--name", "Deck Tracker", "--tos-url", "ftp://x"},
			[]string{"--tos-url", "Not kept, since they are not valid yet: Terms of service URL.", "Resume with:\n  flexslot-register --from " + path}, "Deck Tracker"},
		{[]string{"--name", "Other"}, []string{"exists; add --force to replace it"}, "Deck Tracker"},
		{[]string{"--name", "Other", "--force"}, []string{"missing --redirect-uri", "Resume with:"}, "Other"},
	}
	for _, step := range steps {
		t.Setenv("FLEXSLOT_TOKEN", sb.Token())
		code, _, stderr := runWith(t, "", append([]string{"--no-input", "--draft", path}, step.args...)...)
		if code != cli.ExitUsage {
			t.Errorf("%v: exit %d", step.args, code)
		}
		for _, want := range step.errs {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: stderr lacks %q:\n%s", step.args, want, stderr)
			}
		}
		data, err := os.ReadFile(path)
		req, _, decodeErr := api.DecodeManifest(data)
		if err != nil || decodeErr != nil || req.ApplicationName != step.name || req.TOSURL != "" {
			t.Errorf("%v: draft %s (%v, %v)", step.args, data, err, decodeErr)
		}
	}
	if n := sb.CreateAttempts(); n != 0 {
		t.Errorf("%d creates", n)
	}
}

// TestScriptedLackedScope: a scripted create refused for scopes the partner
// account lacks says, after the server's words, what the wizard and the line
// prompts say (advice.LackedScopes): the scopes, and the request-scopes
// command that asks for them. A refusal of something else says nothing of
// scopes.
func TestScriptedLackedScope(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{PartnerScopes: []string{"decks:read"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	t.Setenv("FLEXSLOT_API_URL", sb.URL)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"two lacked", []string{"--name", "Deck Tracker", "--scope", "decks:read", "--scope", "decks:write", "--scope", "exports:read"},
			"! Your partner account does not list decks:write, exports:read (GET /me/partner), so the server may refuse it; ask for it with:\n" +
				"  flexslot-register request-scopes --scope decks:write --scope exports:read --api-url " + sb.URL + "\n"},
		{"another refusal", []string{"--name", "sandbox:taken", "--scope", "decks:read"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FLEXSLOT_TOKEN", sb.Token())
			code, stdout, stderr := runWith(t, "", append(tt.args, "--redirect-uri", "https://decktracker.example/cb", "--no-input", "--print-secret")...)
			if code != cli.ExitFailed || stdout != "" || !strings.Contains(stderr, tt.stderr) || (tt.stderr == "") == strings.Contains(stderr, "request-scopes") {
				t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
			}
		})
	}
}
