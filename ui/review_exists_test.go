package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// sameClient is the partner's client that req describes, as the list shows
// it: --if-exists reuse finds no difference.
func sameClient(req api.CreateClientRequest) api.OAuth2Client {
	req = req.WithDefaults()
	return api.OAuth2Client{ClientID: uitest.ExampleClientID, ApplicationName: req.ApplicationName, ClientType: req.ClientType,
		RedirectURIs: req.RedirectURIs, AllowedScopes: req.AllowedScopes, GrantTypes: req.GrantTypes,
		ApplicationURL: req.ApplicationURL, ApplicationLogoURL: req.ApplicationLogoURL, PrivacyPolicyURL: req.PrivacyPolicyURL,
		TOSURL: req.TOSURL, Status: api.StatusActive, CreatedAt: uitest.Now}
}

// existingAs is a client of the example request's name: the same, or
// differing from it, or public.
func existingAs(kind string) []api.OAuth2Client {
	c := sameClient(uitest.ExampleRequest("confidential"))
	switch kind {
	case "differing":
		c.RedirectURIs = []string{"https://decktracker.example/old/callback"}
	case "public":
		c.ClientType = "public"
	}
	return []api.OAuth2Client{c}
}

// TestReviewIfExists: with --if-exists and a client of the request's name,
// the review says what the flag does and enter does it: a rotation as r
// does without the flag; every other decision, and leaving, ends the run
// with it (Result.Existing), nothing sent and no draft offered. Without a
// client of the name, enter creates as ever.
func TestReviewIfExists(t *testing.T) {
	tests := []struct {
		name     string
		policy   flow.IfExists
		clients  []api.OAuth2Client
		says     string // on the review
		key      tea.KeyPressMsg
		want     flow.ExistsKind
		rotated  bool // the key leads to the rotation, which is confirmed
		creates  int
		noExists bool // the run ends with no decision
		cancels  bool // the key cancels: the draft offer, declined
	}{
		{"reuse, equal", flow.IfExistsReuse, existingAs("same"), "enter keeps this client and sends nothing", keyEnter, flow.ExistsReuse, false, 0, false, false},
		{"reuse, equal, esc", flow.IfExistsReuse, existingAs("same"), "enter reuse it", keyEsc, 0, false, 0, true, true},
		{"reuse, differing", flow.IfExistsReuse, existingAs("differing"), "only on the client: https://decktracker.example/old/callback", keyEnter, flow.ExistsReuseDiffers, false, 0, false, false},
		{"fail", flow.IfExistsFail, existingAs("same"), "--if-exists fail:", keyEnter, flow.ExistsFail, false, 0, false, false},
		{"fail, ctrl+c", flow.IfExistsFail, existingAs("same"), "enter leave", keyCtrlC, flow.ExistsFail, false, 0, false, false},
		{"rotate", flow.IfExistsRotate, existingAs("same"), "enter gives it a new secret, once you confirm", keyEnter, 0, true, 0, true, false},
		{"rotate, esc", flow.IfExistsRotate, existingAs("same"), "enter rotate its secret", keyEsc, 0, false, 0, true, true},
		{"rotate, public", flow.IfExistsRotate, existingAs("public"), "is a public client: it has no secret to rotate", keyEnter, flow.ExistsRotatePublic, false, 0, false, false},
		{"no client of the name", flow.IfExistsFail, nil, "enter create", keyEnter, 0, false, 1, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.Clients = tt.clients
			cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
			cfg.IfExists = tt.policy
			d := start(t, cfg)
			d.toReview()
			d.wait(tt.says)
			if tt.rotated {
				d.send(tt.key, "Give \"Deck Tracker\"")
				d.send(keyEnter, "✓ New secret for")
			} else if tt.cancels {
				d.send(tt.key, "Save to:")
				d.tm.Send(keyEsc) // leave without saving
			} else {
				d.tm.Send(tt.key)
			}
			if tt.rotated || tt.creates > 0 {
				d.wait("Client ID")
				d.send(keyEnter, "Leave anyway?")
				d.tm.Send(keyY)
			}
			r := d.ended()
			stub.Mu.Lock()
			creates := len(stub.Created)
			stub.Mu.Unlock()
			if creates != tt.creates {
				t.Errorf("%d creates sent, want %d", creates, tt.creates)
			}
			if r.Rotated != tt.rotated || r.DraftSaved != "" {
				t.Errorf("Rotated %v (want %v), DraftSaved %q", r.Rotated, tt.rotated, r.DraftSaved)
			}
			switch {
			case tt.noExists && r.Existing != nil:
				t.Errorf("Existing %+v, want none", *r.Existing)
			case !tt.noExists && r.Existing == nil:
				t.Errorf("no Existing, want kind %v", tt.want)
			case !tt.noExists && r.Existing.Kind != tt.want:
				t.Errorf("Existing.Kind %v, want %v (%s)", r.Existing.Kind, tt.want, r.Existing.Headline)
			}
		})
	}
}

// TestReviewIfExistsIgnoresR: under --if-exists r does not rotate: the flag
// decides, and enter does what it says.
func TestReviewIfExistsIgnoresR(t *testing.T) {
	stub := uitest.NewStubAPI()
	stub.Clients = existingAs("same")
	cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
	cfg.IfExists = flow.IfExistsFail
	d := start(t, cfg)
	d.toReview()
	d.wait("--if-exists fail:")
	d.tm.Send(keyR)
	d.send(keyP, "The same request with curl") // a key sent after r has been handled
	d.send(keyEsc, "--if-exists fail:")        // back from curl to the review
	d.tm.Send(keyEsc)
	if r := d.ended(); r.Existing == nil || r.Existing.Kind != flow.ExistsFail || r.Rotated {
		t.Errorf("result %+v", r)
	}
}

// slowList is a stub API whose list waits for release.
type slowList struct {
	*uitest.StubAPI
	release chan struct{}
}

func (s slowList) ListOAuth2Clients(ctx context.Context) ([]api.OAuth2Client, error) {
	<-s.release
	return s.StubAPI.ListOAuth2Clients(ctx)
}

// TestReviewIfExistsWaitsForTheLookup: under --if-exists enter sends
// nothing before the review knows whether a client has the name.
func TestReviewIfExistsWaitsForTheLookup(t *testing.T) {
	stub := uitest.NewStubAPI()
	stub.Clients = existingAs("same")
	slow := slowList{stub, make(chan struct{})}
	cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
	cfg.Connect = func(string) (flow.API, error) { return slow, nil }
	cfg.IfExists = flow.IfExistsReuse
	d := start(t, cfg)
	d.toReview()
	if items := helpItems(d.screen()); slices.Contains(items, "enter create") {
		t.Errorf("the help line offers %q while the name is looked up", items)
	}
	d.tm.Send(keyEnter)
	d.send(keyP, "The same request with curl") // enter has been handled
	close(slow.release)
	d.send(keyEsc, "enter reuse it")
	d.tm.Send(keyEnter)
	r := d.ended()
	stub.Mu.Lock()
	defer stub.Mu.Unlock()
	if len(stub.Created) != 0 || r.Existing == nil || r.Existing.Kind != flow.ExistsReuse {
		t.Errorf("%d creates, result %+v", len(stub.Created), r)
	}
}

// errListDown is a list request that never reached the server.
var errListDown = &api.Error{Op: api.OpList, Message: "could not connect to api.flexslot.gg: connection refused", Err: errBoom}

// TestReviewIfExistsLookupFails: under --if-exists a lookup that fails
// sends nothing: the review says why, enter looks again (and then does
// what the flag says, or creates when no client has the name), esc leaves
// through the draft offer. Without the flag the review carries on as if no
// client had the name.
func TestReviewIfExistsLookupFails(t *testing.T) {
	tests := []struct {
		name    string
		policy  flow.IfExists
		then    []api.OAuth2Client // the clients the second lookup finds
		says    string             // once enter has looked again
		key     tea.KeyPressMsg    // then
		want    *flow.ExistsKind
		creates int
		stands  bool // the failed lookup stands at the end: Result.Refused, exit 1
	}{
		{"fail, then a client", flow.IfExistsFail, existingAs("same"), "--if-exists fail:", keyEnter, kind(flow.ExistsFail), 0, false},
		{"reuse, then a client", flow.IfExistsReuse, existingAs("same"), "enter reuse it", keyEnter, kind(flow.ExistsReuse), 0, false},
		{"rotate, then none", flow.IfExistsRotate, nil, "enter create", keyEnter, nil, 1, false},
		{"fail, esc", flow.IfExistsFail, nil, "", keyEsc, nil, 0, true},
		{"no flag: no word of it", "", nil, "", keyEnter, nil, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.ListErr = errListDown
			list := countedList{stub, make(chan struct{}, 8)}
			cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
			cfg.Connect = func(string) (flow.API, error) { return list, nil }
			cfg.IfExists = tt.policy
			d := start(t, cfg)
			d.toReview()
			<-list.calls
			if tt.policy == "" {
				d.wait("enter create")
				if strings.Contains(d.screen(), "Could not check") {
					t.Errorf("without --if-exists the review names the failed lookup:\n%s", d.screen())
				}
			} else {
				d.wait("Could not check whether \"Deck Tracker\" exists already")
				d.wait("enter look again")
				d.tm.Send(keyEnter) // looks again, and fails again
				<-list.calls
				d.send(keyP, "The same request with curl") // enter has been handled
				d.send(keyEsc, "Could not check whether")
				stub.Mu.Lock()
				if len(stub.Created) != 0 {
					t.Errorf("a create was sent after a failed lookup")
				}
				stub.ListErr, stub.Clients = nil, tt.then
				stub.Mu.Unlock()
			}
			if tt.says != "" {
				d.tm.Send(keyEnter)
				<-list.calls
				d.wait(tt.says)
			}
			d.tm.Send(tt.key)
			if tt.key == keyEsc {
				d.send(keyEsc, "Save to:") // the draft offer; esc leaves without saving
				d.tm.Send(keyEsc)
			}
			if tt.creates > 0 {
				d.wait("Client ID")
				d.send(keyEnter, "Leave anyway?")
				d.tm.Send(keyY)
			}
			r := d.ended()
			checkEnd(t, stub, r, tt.creates, false, tt.want)
			if stands := r.Refused != nil; stands != tt.stands {
				t.Errorf("Refused %v, want it to stand: %v", r.Refused, tt.stands)
			}
		})
	}
}

// countedList is a stub API that says on calls each time the list is asked.
type countedList struct {
	*uitest.StubAPI
	calls chan struct{}
}

func (c countedList) ListOAuth2Clients(ctx context.Context) ([]api.OAuth2Client, error) {
	defer func() { c.calls <- struct{}{} }()
	return c.StubAPI.ListOAuth2Clients(ctx)
}

// kind points at k, for tables.
func kind(k flow.ExistsKind) *flow.ExistsKind { return &k }

// checkEnd checks how a run on stub ended: the creates sent, a rotation,
// and what --if-exists decided (nil: the run did not end at a decision).
func checkEnd(t *testing.T, stub *uitest.StubAPI, r flow.Result, creates int, rotated bool, want *flow.ExistsKind) {
	t.Helper()
	stub.Mu.Lock()
	sent := len(stub.Created)
	stub.Mu.Unlock()
	if sent != creates {
		t.Errorf("%d creates sent, want %d", sent, creates)
	}
	if r.Rotated != rotated {
		t.Errorf("Rotated %v, want %v", r.Rotated, rotated)
	}
	switch {
	case want == nil && r.Existing != nil:
		t.Errorf("Existing %+v, want none", *r.Existing)
	case want != nil && r.Existing == nil:
		t.Errorf("no Existing, want kind %v", *want)
	case want != nil && r.Existing.Kind != *want:
		t.Errorf("Existing.Kind %v, want %v (%s)", r.Existing.Kind, *want, r.Existing.Headline)
	}
}

// TestYesIfExists: --yes skips the review, not the lookup --if-exists
// needs: a client of the name meets the flag's decision before anything is
// sent (a rotation its confirmation, every other decision the run's end);
// no client, a create. A lookup that fails shows the review with why, and
// sends nothing. Without the flag --yes sends the create, as ever.
func TestYesIfExists(t *testing.T) {
	tests := []struct {
		name    string
		policy  flow.IfExists
		clients []api.OAuth2Client
		listErr error
		rotated bool
		want    *flow.ExistsKind
		creates int
	}{
		{"fail", flow.IfExistsFail, existingAs("same"), nil, false, kind(flow.ExistsFail), 0},
		{"reuse, equal", flow.IfExistsReuse, existingAs("same"), nil, false, kind(flow.ExistsReuse), 0},
		{"reuse, differing", flow.IfExistsReuse, existingAs("differing"), nil, false, kind(flow.ExistsReuseDiffers), 0},
		{"rotate", flow.IfExistsRotate, existingAs("same"), nil, true, nil, 0},
		{"rotate, public", flow.IfExistsRotate, existingAs("public"), nil, false, kind(flow.ExistsRotatePublic), 0},
		{"no client of the name", flow.IfExistsFail, nil, nil, false, nil, 1},
		{"the lookup fails", flow.IfExistsReuse, existingAs("same"), errListDown, false, nil, 0},
		{"no flag", "", existingAs("same"), nil, false, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.Clients, stub.ListErr = tt.clients, tt.listErr
			cfg := uitest.WithRequest(uitest.StubConfig(stub), uitest.ExampleRequest("confidential"))
			cfg.Given = map[string]bool{api.FieldApplicationName: true, api.FieldRedirectURIs: true, api.FieldAllowedScopes: true}
			cfg.IfExists, cfg.SkipReview = tt.policy, true
			d := start(t, cfg)
			switch {
			case tt.rotated:
				d.wait("Give \"Deck Tracker\"") // the rotation's confirmation
				d.send(keyEnter, "✓ New secret for")
			case tt.listErr != nil:
				d.wait("Could not check whether")
				d.send(keyEsc, "Save to:")
				d.tm.Send(keyEsc)
			}
			if tt.rotated || tt.creates > 0 {
				d.wait("Client ID")
				d.send(keyEnter, "Leave anyway?")
				d.tm.Send(keyY)
			}
			checkEnd(t, stub, d.ended(), tt.creates, tt.rotated, tt.want)
		})
	}
}

// TestReviewNotesStayReadable: what decides what enter does (the
// differences that refuse a reuse, or the failed lookup that enter tries
// again) shows on the review's first view in a short window under a
// sandbox's four-line header, the fields giving up rows first; and ↓ still
// reaches every field. Before, the fields kept three rows and the frame
// cut the notes ("… more lines"), which ↑/↓ could not reach.
func TestReviewNotesStayReadable(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*uitest.StubAPI, *flow.Config)
		says  []string
	}{
		{"reuse, differing", ifExists(flow.IfExistsReuse, "differing"),
			[]string{"only on the client: https://decktracker.example/old/callback", "enter leaves and sends nothing"}},
		{"lookup failed", func(s *uitest.StubAPI, c *flow.Config) {
			ifExists(flow.IfExistsReuse, "same")(s, c)
			s.ListErr = errListDown
		}, []string{"connection refused", "Nothing is sent until --if-exists reuse knows: enter looks again."}},
	}
	for _, tt := range tests {
		for _, size := range [][2]int{{60, 16}, {60, 14}} {
			t.Run(fmt.Sprintf("%s %dx%d", tt.name, size[0], size[1]), func(t *testing.T) {
				stub := uitest.NewStubAPI()
				cfg := uitest.StubConfig(stub)
				tt.setup(stub, &cfg)
				cfg.BaseURL, stub.Base = "http://127.0.0.1:41234", "http://127.0.0.1:41234"
				d := startSized(t, cfg, size[0], size[1])
				d.toReview()
				d.wait(tt.says[0])
				view := d.screen()
				for _, s := range tt.says {
					if !strings.Contains(folded(view), s) {
						t.Errorf("the first view lacks %q:\n%s", s, view)
					}
				}
				if strings.Contains(view, "more lines") {
					t.Errorf("the frame is cut:\n%s", view)
				}
				for range 20 {
					d.tm.Send(keyDown)
				}
				d.wait("Terms of service URL")
				d.final()
			})
		}
	}
}

// TestReviewIfExistsSaysWhatEnterDoes: under --if-exists the review says
// what enter will do, not what the run did (the decision's headline, worded
// for the end: "reused", "nothing was sent", "rotating"), and its esc is
// "esc cancel", as on every other review.
func TestReviewIfExistsSaysWhatEnterDoes(t *testing.T) {
	tests := []struct {
		name   string
		policy flow.IfExists
		kind   string
		says   string
	}{
		{"reuse", flow.IfExistsReuse, "same", "--if-exists reuse: enter keeps this client and sends nothing; its secret is not touched."},
		{"reuse, differing", flow.IfExistsReuse, "differing", "enter leaves and sends nothing"},
		{"fail", flow.IfExistsFail, "same", "enter leaves and sends nothing."},
		{"rotate", flow.IfExistsRotate, "same", "--if-exists rotate: enter gives it a new secret, once you confirm"},
		{"rotate, public", flow.IfExistsRotate, "public", "no secret to rotate (it signs users in with PKCE alone). enter leaves and sends nothing."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			ifExists(tt.policy, tt.kind)(stub, &cfg)
			d := start(t, cfg)
			d.toReview()
			d.wait(tt.says)
			view := folded(d.final())
			for _, past := range []string{"reused", "nothing was sent", "rotating", "esc leave"} {
				if strings.Contains(view, past) {
					t.Errorf("the review says %q:\n%s", past, view)
				}
			}
		})
	}
}
