package script

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// stubAt is an API at base holding one client, cli_1, whose secret it
// rotates; a create makes cli_2.
type stubAt struct {
	stubCreator
	base     string
	existing api.OAuth2Client
}

func (s *stubAt) BaseURL() string { return s.base }

func (s *stubAt) ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error) {
	return []api.OAuth2Client{s.existing}, nil
}

func (s *stubAt) RotateSecret(_ context.Context, id string) (*api.CreateClientResponse, error) {
	return &api.CreateClientResponse{Client: s.existing, PlaintextClientSecret: "n3wS3cr3t"}, nil
}

// TestOutputNamesEndpoints: a create, a rotation and a reuse name the OAuth
// endpoints of the API the run used: in --json as "endpoints" (RFC 8414's
// names), else on stderr, with stdout still the client id (and secret) alone.
func TestOutputNamesEndpoints(t *testing.T) {
	existing := api.OAuth2Client{ClientID: "cli_1", ClientType: "confidential", ApplicationName: "Deck Tracker", Status: "active",
		RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{}, GrantTypes: []string{"authorization_code", "refresh_token"}}
	other := api.CreateClientRequest{ApplicationName: "Deck CLI", RedirectURIs: []string{"https://a.example/cb"}}
	same := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	const sandbox, custom = "http://127.0.0.1:41234", "https://gateway.example/flexslot"
	tests := []struct {
		name   string
		base   string
		run    func(Options, *iostreams.IOStreams) error
		opts   Options
		stdout string // for a run without --json
	}{
		{"create, printed, the default API", api.DefaultBaseURL, runWith, Options{Request: other, PrintSecret: true}, "cli_2\ns3cr3t\n"},
		{"create, JSON, a sandbox", sandbox, runWith, Options{Request: other, JSON: true}, ""},
		{"rotate, printed, a custom API", custom, rotateWith, Options{PrintSecret: true}, "cli_1\nn3wS3cr3t\n"},
		{"rotate, JSON, a sandbox", sandbox, rotateWith, Options{JSON: true}, ""},
		{"--if-exists rotate, JSON, a custom API", custom, runWith, Options{Request: same, JSON: true, IfExists: "rotate"}, ""},
		{"--if-exists reuse, JSON, a sandbox", sandbox, runWith, Options{Request: same, JSON: true, IfExists: "reuse"}, ""},
		{"--if-exists reuse, printed, a custom API", custom, runWith, Options{Request: same, PrintSecret: true, IfExists: "reuse"}, "cli_1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := flow.EndpointsOf(tt.base)
			stub := &stubAt{stubCreator: stubCreator{resp: created("cli_2", "s3cr3t")}, base: tt.base, existing: existing}
			stub.resp.Client.ApplicationName = "Deck CLI"
			tt.opts.Token, tt.opts.Connect = "t", func(string) (API, error) { return stub, nil }
			streams, stdout, stderr := iostreams.Test(strings.NewReader(""))
			if err := tt.run(tt.opts, streams); cli.CodeOf(err) != cli.ExitOK {
				t.Fatalf("%v; stderr:\n%s", err, stderr)
			}
			if !tt.opts.JSON {
				if stdout.String() != tt.stdout || !strings.Contains(stderr.String(), want.Rows()) {
					t.Errorf("stdout %q, stderr without the endpoints %q:\n%s", stdout, want.Rows(), stderr)
				}
				return
			}
			var got struct {
				Endpoints map[string]string `json:"endpoints"`
			}
			if err := json.Unmarshal([]byte(stdout.String()), &got); err != nil {
				t.Fatalf("%v: %s", err, stdout)
			}
			wantJSON := map[string]string{"issuer": want.Issuer, "authorization_endpoint": want.AuthorizationEndpoint,
				"token_endpoint": want.TokenEndpoint, "revocation_endpoint": want.RevocationEndpoint}
			if len(got.Endpoints) != len(wantJSON) {
				t.Errorf("endpoints %v, want %v", got.Endpoints, wantJSON)
			}
			for k, v := range wantJSON {
				if got.Endpoints[k] != v || !strings.HasPrefix(v, tt.base+"/") && v != tt.base {
					t.Errorf("%s: %q, want %q", k, got.Endpoints[k], v)
				}
			}
		})
	}
}

func runWith(opts Options, io *iostreams.IOStreams) error { return Run(context.Background(), opts, io) }

func rotateWith(opts Options, io *iostreams.IOStreams) error {
	return Rotate(context.Background(), "cli_1", opts, io)
}
