package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// refusals are a create refused in each way a person can fix: where the
// wizard then stands, and how it walks from there to a create sent again.
var refusals = []struct {
	name   string
	err    error
	refuse string        // on screen once the wizard took the refusal
	resend func(*driver) // from there to the create sent again, on the result screen
}{
	{"field", &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "refused (400 Bad Request)",
		Fields: []api.FieldError{{Field: api.FieldApplicationName, Index: -1, Message: "This name is reserved."}}},
		"Application name (server): This name is reserved.", func(d *driver) {
			d.fromNameToPage(4)
			d.linksToReview()
			d.send(keyEnter, "✓ Registered")
		}},
	{"lacked scope", &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "refused (400 Bad Request)",
		Fields: []api.FieldError{{Field: api.FieldAllowedScopes, Index: -1, Message: `Your partner account does not have the scope "decks:write".`}}},
		`does not have the scope "decks:write"`, func(d *driver) {
			d.send(keyEnter, "┃ Grant types")
			d.send(keyEnter, "Links · 4 of 4")
			d.linksToReview()
			d.send(keyEnter, "✓ Registered")
		}},
	{"request as a whole", &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "refused (400 Bad Request)",
		Fields: []api.FieldError{{Field: api.NonFieldErrors, Index: -1, Message: "An application with this name already exists."}}},
		"The server refused the request", func(d *driver) { d.send(keyEnter, "✓ Registered") }},
	{"token", &api.Error{Op: api.OpCreate, StatusCode: 401, Message: "Invalid token. (401 Unauthorized)"},
		"refused the token while registering", func(d *driver) {
			d.tm.Type(uitest.ExampleToken)
			d.wait("> " + strings.Repeat("*", len(uitest.ExampleToken)))
			d.send(keyEnter, "nothing has been sent yet")
			d.send(keyEnter, "✓ Registered")
		}},
}

// TestRefusedIsTheOutcomeUntilSentAgain: a create refused (at a field, for
// a scope the partner lacks, as a whole, the token) is how the run ends if
// it is left then, after the draft offer as ever (Result.Refused, exit 1 in
// main); sent again and created, the refusal no longer stands.
func TestRefusedIsTheOutcomeUntilSentAgain(t *testing.T) {
	for _, tt := range refusals {
		refuse := func(t *testing.T) (*driver, *uitest.StubAPI) {
			stub := uitest.NewStubAPI()
			stub.CreateErrs = []error{tt.err}
			d := start(t, uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential")))
			d.toReview()
			d.send(keyEnter, tt.refuse)
			return d, stub
		}
		t.Run(tt.name+"/left", func(t *testing.T) {
			d, stub := refuse(t)
			d.send(keyCtrlC, "Keep your answers?")
			d.tm.Send(keyEsc)
			r := d.ended()
			if r.Refused == nil || !strings.Contains(r.Refused.Error(), "refused") && !strings.Contains(r.Refused.Error(), "401") {
				t.Errorf("Refused = %v, want the create's refusal", r.Refused)
			}
			if r.Outcome != flow.OutcomeCancelled || r.Created != nil || r.DraftSaved != "" || len(stub.Created) != 1 {
				t.Errorf("result %+v, %d creates", r, len(stub.Created))
			}
		})
		t.Run(tt.name+"/sent again", func(t *testing.T) {
			d, stub := refuse(t)
			tt.resend(d)
			d.send(keyEnter, "Leave anyway?")
			d.tm.Send(keyY)
			r := d.ended()
			if r.Refused != nil || r.Outcome != flow.OutcomeRegistered || len(stub.Created) != 2 {
				t.Errorf("Refused %v, outcome %v, %d creates; want no refusal after a create sent again and made", r.Refused, r.Outcome, len(stub.Created))
			}
		})
	}
}

// TestTokenRefusedAtCreateOffersTheDraft: the token page a 401 at the
// create leads to is left with esc or ctrl+c, as a form page is: through
// the draft offer, which keeps the answers, and the run ends refused; its
// help line says how to leave.
func TestTokenRefusedAtCreateOffersTheDraft(t *testing.T) {
	for _, leave := range []tea.KeyPressMsg{keyEsc, keyCtrlC} {
		t.Run(leave.String(), func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.CreateErrs = []error{&api.Error{Op: api.OpCreate, StatusCode: 401, Message: "Invalid token. (401 Unauthorized)"}}
			cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
			cfg.DraftPath = filepath.Join(t.TempDir(), "draft.json")
			d := start(t, cfg)
			d.toReview()
			d.send(keyEnter, "refused the token while registering")
			if items := helpItems(d.screen()); !strings.Contains(strings.Join(items, "|"), "esc leave") {
				t.Errorf("the token page's help line is %q, without esc leave", items)
			}
			d.send(leave, "Keep your answers?")
			d.tm.Send(keyEnter)
			r := d.ended()
			if r.DraftSaved != cfg.DraftPath || !api.IsUnauthorized(r.Refused) || r.Outcome != flow.OutcomeCancelled {
				t.Errorf("DraftSaved %q, Refused %v, outcome %v", r.DraftSaved, r.Refused, r.Outcome)
			}
			data, err := os.ReadFile(cfg.DraftPath)
			if err != nil || !strings.Contains(string(data), "Deck Tracker") || !strings.Contains(string(data), "decktracker.example/oauth/callback") {
				t.Errorf("the draft holds %s (%v)", data, err)
			}
		})
	}
}

// TestFirstTokenPromptLeavesAsBefore: the token prompt at the start, with
// no answers sent, still ignores esc, and ctrl+c leaves at once, without a
// draft offer and with no refusal.
func TestFirstTokenPromptLeavesAsBefore(t *testing.T) {
	stub := uitest.NewStubAPI()
	cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
	cfg.Token = ""
	d := start(t, cfg)
	d.wait("Personal access token")
	d.tm.Send(keyEsc)
	d.tm.Type("flx_pat_x")
	d.wait("> *********")
	if strings.Contains(d.screen(), "Keep your answers?") {
		t.Fatalf("esc left the first token prompt:\n%s", d.screen())
	}
	d.tm.Send(keyCtrlC)
	if r := d.ended(); r.Outcome != flow.OutcomeCancelled || r.Refused != nil || r.DraftSaved != "" {
		t.Errorf("result %+v", r)
	}
}
