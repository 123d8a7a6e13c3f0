package flow

import (
	"slices"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/cli"
)

func TestDifferences(t *testing.T) {
	client := api.OAuth2Client{ApplicationName: "Deck Tracker", ClientType: "confidential", Status: api.StatusActive,
		RedirectURIs: []string{"https://a.example/cb", "https://b.example/cb"}, AllowedScopes: []string{"decks:read"},
		GrantTypes: []string{"authorization_code", "refresh_token"}, TOSURL: "https://a.example/tos"}
	same := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://b.example/cb", "https://a.example/cb"},
		AllowedScopes: []string{"decks:read"}, TOSURL: "https://a.example/tos"}
	tests := []struct {
		name   string
		change func(*api.CreateClientRequest, *api.OAuth2Client)
		want   []string
	}{
		{"the same, lists in another order, defaults filled", func(*api.CreateClientRequest, *api.OAuth2Client) {}, nil},
		{"a redirect URI more and one less", func(r *api.CreateClientRequest, _ *api.OAuth2Client) {
			r.RedirectURIs = []string{"https://a.example/cb", "https://c.example/cb"}
		}, []string{"--redirect-uri: only in the request: https://c.example/cb; only on the client: https://b.example/cb"}},
		{"no scopes asked", func(r *api.CreateClientRequest, _ *api.OAuth2Client) { r.AllowedScopes = nil },
			[]string{"--scope: only on the client: decks:read"}},
		{"one grant type", func(r *api.CreateClientRequest, _ *api.OAuth2Client) { r.GrantTypes = []string{"authorization_code"} },
			[]string{"--grant-type: only on the client: refresh_token"}},
		{"the name's case", func(r *api.CreateClientRequest, _ *api.OAuth2Client) { r.ApplicationName = " deck tracker " },
			[]string{`--name: the request says "deck tracker", the client "Deck Tracker"`}},
		{"a link dropped, the type changed", func(r *api.CreateClientRequest, _ *api.OAuth2Client) { r.TOSURL, r.ClientType = "", "public" },
			[]string{`--client-type: the request says "public", the client "confidential"`, `--tos-url: the request says none, the client "https://a.example/tos"`}},
		{"a revoked client", func(_ *api.CreateClientRequest, c *api.OAuth2Client) { c.Status = api.StatusRevoked },
			[]string{"status: the client is revoked, not active"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, c := same, client
			req.RedirectURIs, c.RedirectURIs = slices.Clone(req.RedirectURIs), slices.Clone(c.RedirectURIs)
			tt.change(&req, &c)
			if got := Differences(c, req); !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestWhenExists runs each --if-exists policy against a client that is what
// the request describes, one that differs in a list, one that differs in a
// text field and one that is no longer active: only a reuse of an equal
// client ends well, only rotate goes on, and the differences are named
// whatever the policy.
func TestWhenExists(t *testing.T) {
	const id = "flx_cid_0123456789abcdef"
	client := api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential", Status: api.StatusActive,
		RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"},
		GrantTypes: []string{"authorization_code", "refresh_token"}, TOSURL: "https://a.example/tos"}
	request := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"},
		AllowedScopes: []string{"decks:read"}, TOSURL: "https://a.example/tos"}
	clients := map[string]struct {
		change func(*api.CreateClientRequest, *api.OAuth2Client)
		diffs  []string
	}{
		"equal": {func(*api.CreateClientRequest, *api.OAuth2Client) {}, nil},
		"a list differs": {func(r *api.CreateClientRequest, _ *api.OAuth2Client) {
			r.AllowedScopes = []string{"decks:read", "decks:write"}
		},
			[]string{"--scope: only in the request: decks:write"}},
		"a text differs": {func(r *api.CreateClientRequest, _ *api.OAuth2Client) { r.TOSURL = "https://b.example/tos" },
			[]string{`--tos-url: the request says "https://b.example/tos", the client "https://a.example/tos"`}},
		"inactive": {func(_ *api.CreateClientRequest, c *api.OAuth2Client) { c.Status = api.StatusRevoked },
			[]string{"status: the client is revoked, not active"}},
		"public": {func(r *api.CreateClientRequest, c *api.OAuth2Client) { r.ClientType, c.ClientType = "public", "public" }, nil},
	}
	tests := []struct {
		policy IfExists
		client string
		kind   ExistsKind
		code   int
	}{
		{IfExistsFail, "equal", ExistsFail, cli.ExitFailed},
		{IfExistsFail, "a list differs", ExistsFail, cli.ExitFailed},
		{IfExistsFail, "a text differs", ExistsFail, cli.ExitFailed},
		{IfExistsFail, "inactive", ExistsFail, cli.ExitFailed},
		{IfExistsFail, "public", ExistsFail, cli.ExitFailed},
		{"", "equal", ExistsFail, cli.ExitFailed},
		{IfExistsReuse, "equal", ExistsReuse, cli.ExitOK},
		{IfExistsReuse, "a list differs", ExistsReuseDiffers, cli.ExitFailed},
		{IfExistsReuse, "a text differs", ExistsReuseDiffers, cli.ExitFailed},
		{IfExistsReuse, "inactive", ExistsReuseDiffers, cli.ExitFailed},
		{IfExistsReuse, "public", ExistsReuse, cli.ExitOK},
		{IfExistsRotate, "equal", ExistsRotate, cli.ExitOK},
		{IfExistsRotate, "a list differs", ExistsRotate, cli.ExitOK},
		{IfExistsRotate, "a text differs", ExistsRotate, cli.ExitOK},
		{IfExistsRotate, "inactive", ExistsRotate, cli.ExitOK},
		{IfExistsRotate, "public", ExistsRotatePublic, cli.ExitFailed},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy)+"/"+tt.client, func(t *testing.T) {
			req, c := request, client
			req.AllowedScopes = slices.Clone(req.AllowedScopes)
			clients[tt.client].change(&req, &c)
			got := WhenExists(tt.policy, c, req)
			if got.Kind != tt.kind || got.Code != tt.code {
				t.Errorf("kind %d, code %d; want kind %d, code %d", got.Kind, got.Code, tt.kind, tt.code)
			}
			if want := clients[tt.client].diffs; !slices.Equal(got.Diffs, want) {
				t.Errorf("diffs %q\nwant %q", got.Diffs, want)
			}
			if !strings.Contains(got.Headline, id) {
				t.Errorf("headline %q does not name %s", got.Headline, id)
			}
			if reused := tt.kind == ExistsReuse || tt.kind == ExistsReuseDiffers; reused != (got.Untouched != "") {
				t.Errorf("untouched %q for kind %d", got.Untouched, got.Kind)
			}
		})
	}
}
