package lines

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// givenAll is a stub run whose every value is given, as flags give them: the
// prompts ask nothing before the review. Files go to a directory of the
// test's own.
func givenAll(t *testing.T, stub *uitest.StubAPI) flow.Config {
	cfg := uitest.StubConfig(stub)
	cfg.SavePath = filepath.Join(t.TempDir(), "client.env")
	cfg.DraftPath = filepath.Join(t.TempDir(), "draft.json")
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Given = map[string]bool{}
	for _, f := range api.Fields {
		cfg.Given[f.JSON] = true
	}
	return cfg
}

// existingLike is a client registered as req describes it.
func existingLike(req api.CreateClientRequest) api.OAuth2Client {
	req = req.WithDefaults()
	return api.OAuth2Client{ClientID: uitest.ExampleClientID, Status: api.StatusActive, ApplicationName: req.ApplicationName,
		ClientType: req.ClientType, RedirectURIs: req.RedirectURIs, AllowedScopes: req.AllowedScopes, GrantTypes: req.GrantTypes,
		ApplicationURL: req.ApplicationURL}
}

// TestLinePromptsOnAnExistingName: with a client of the request's name, the
// line prompts do what --if-exists says, as flow.WhenExists decides it for
// every front end, and send no create; without the flag, the review names
// the client and offers to rotate its secret.
func TestLinePromptsOnAnExistingName(t *testing.T) {
	tests := []struct {
		name     string
		policy   flow.IfExists
		differs  bool
		in       []string
		want     flow.ExistsKind // Result.Existing's kind, for a run that stops at the client
		rotated  bool
		wantSaid string
	}{
		{"reuse, as the request describes it", flow.IfExistsReuse, false, nil, flow.ExistsReuse, false, ""},
		{"reuse, unlike the request", flow.IfExistsReuse, true, nil, flow.ExistsReuseDiffers, false, ""},
		{"fail", flow.IfExistsFail, false, nil, flow.ExistsFail, false, ""},
		{"rotate", flow.IfExistsRotate, false, []string{"n", "n"}, 0, true, "rotating its secret (--if-exists rotate)"},
		{"no flag: rotate chosen at the review", "", false, []string{"5", "n", "n"}, 0, true, "exists already as " + uitest.ExampleClientID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := givenAll(t, stub)
			cfg.IfExists = tt.policy
			c := existingLike(cfg.Request)
			if tt.differs {
				c.AllowedScopes = []string{"cards:read"}
			}
			stub.Clients = []api.OAuth2Client{c}
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers(tt.in...)), &out)
			stub.Mu.Lock()
			creates := len(stub.Created)
			stub.Mu.Unlock()
			if creates != 0 {
				t.Errorf("%d creates sent", creates)
			}
			switch {
			case tt.rotated:
				if !result.Rotated || result.Created == nil || result.Existing != nil {
					t.Errorf("rotated %v, created %v, existing %+v; want the rotation\n%s", result.Rotated, result.Created != nil, result.Existing, out.String())
				}
			case result.Existing == nil || result.Existing.Kind != tt.want:
				t.Errorf("existing %+v, want kind %d\n%s", result.Existing, tt.want, out.String())
			}
			if !strings.Contains(out.String(), tt.wantSaid) {
				t.Errorf("said no %q:\n%s", tt.wantSaid, out.String())
			}
		})
	}
}

// TestLinePromptsRefusalStands: a refused create stays the run's outcome
// (Result.Refused, exit 1 at the end) until the request is sent again; a
// create that then succeeds clears it.
func TestLinePromptsRefusalStands(t *testing.T) {
	refusal := &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "refused (400)",
		Fields: []api.FieldError{{Field: "application_name", Index: -1, Message: "Name taken."}}}
	tests := []struct {
		name        string
		in          []string
		wantRefused bool
	}{
		{"left after the refusal", []string{"1"}, true}, // create; then the end of the input
		{"sent again and created", []string{"1", "", "", "", "0", "0", "", "", "", "", "1", "n", "n"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.CreateErrs = []error{refusal}
			cfg := givenAll(t, stub)
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers(tt.in...)), &out)
			if got := result.Refused != nil; got != tt.wantRefused {
				t.Errorf("refused %v (%v), want %v\n%s", got, result.Refused, tt.wantRefused, out.String())
			}
			if !tt.wantRefused && result.Created == nil {
				t.Errorf("not created:\n%s", out.String())
			}
		})
	}
}

// TestLinePromptsWhenTheLookupFails: a list that cannot be had stops a run
// whose --if-exists says what to do with a client of the name, as the
// scripted run stops, with nothing sent; without the flag the review goes on.
func TestLinePromptsWhenTheLookupFails(t *testing.T) {
	tests := []struct {
		policy  flow.IfExists
		creates int
	}{
		{flow.IfExistsReuse, 0},
		{flow.IfExistsRotate, 0},
		{"", 1},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy), func(t *testing.T) {
			stub := uitest.NewStubAPI()
			stub.ListErr = &api.Error{Op: api.OpList, StatusCode: 503, Message: "unavailable (503)"}
			cfg := givenAll(t, stub)
			cfg.IfExists = tt.policy
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers("1", "n", "n")), &out)
			stub.Mu.Lock()
			creates := len(stub.Created)
			stub.Mu.Unlock()
			if creates != tt.creates {
				t.Errorf("%d creates, want %d\n%s", creates, tt.creates, out.String())
			}
			if stopped := result.Outcome == flow.OutcomeFailed; stopped != (tt.creates == 0) {
				t.Errorf("outcome %v (%v)\n%s", result.Outcome, result.Err, out.String())
			}
		})
	}
}

// TestLinePromptsYes: --yes sends a complete request without the review,
// as the wizard does.
func TestLinePromptsYes(t *testing.T) {
	for _, yes := range []bool{false, true} {
		t.Run(fmt.Sprint("yes=", yes), func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := givenAll(t, stub)
			cfg.SkipReview = yes
			in := []string{"n", "n"} // no save, no test sign-in
			if !yes {
				in = append([]string{"1"}, in...) // create, at the review
			}
			var out bytes.Buffer
			result := Run(context.Background(), cfg, iotest.OneByteReader(answers(in...)), &out)
			if result.Created == nil {
				t.Fatalf("not created:\n%s", out.String())
			}
			if reviewed := strings.Contains(out.String(), "What now?"); reviewed == yes {
				t.Errorf("asked at the review: %v, with --yes %v\n%s", reviewed, yes, out.String())
			}
		})
	}
}
