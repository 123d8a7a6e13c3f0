package ui

import (
	"context"
	"slices"
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
	}{
		{"reuse, equal", flow.IfExistsReuse, existingAs("same"), "as the request describes it: reused", keyEnter, flow.ExistsReuse, false, 0, false},
		{"reuse, equal, esc", flow.IfExistsReuse, existingAs("same"), "enter reuse it", keyEsc, flow.ExistsReuse, false, 0, false},
		{"reuse, differing", flow.IfExistsReuse, existingAs("differing"), "only on the client: https://decktracker.example/old/callback", keyEnter, flow.ExistsReuseDiffers, false, 0, false},
		{"fail", flow.IfExistsFail, existingAs("same"), "--if-exists fail:", keyEnter, flow.ExistsFail, false, 0, false},
		{"fail, ctrl+c", flow.IfExistsFail, existingAs("same"), "enter leave", keyCtrlC, flow.ExistsFail, false, 0, false},
		{"rotate", flow.IfExistsRotate, existingAs("same"), "rotating its secret (--if-exists rotate)", keyEnter, 0, true, 0, true},
		{"rotate, esc", flow.IfExistsRotate, existingAs("same"), "enter rotate its secret", keyEsc, flow.ExistsRotate, false, 0, false},
		{"rotate, public", flow.IfExistsRotate, existingAs("public"), "is a public client: it has no secret to rotate", keyEnter, flow.ExistsRotatePublic, false, 0, false},
		{"no client of the name", flow.IfExistsFail, nil, "enter create", keyEnter, 0, false, 1, true},
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
