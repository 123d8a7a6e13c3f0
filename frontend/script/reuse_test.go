package script

import (
	"slices"
	"testing"

	"github.com/flexslot/flexslot-register/api"
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
