package api

import "testing"

func TestAuthorizeURLTemplate(t *testing.T) {
	tests := []struct {
		name   string
		base   string
		client OAuth2Client
		want   string
	}{
		{"scopes and a redirect", "http://127.0.0.1:9", OAuth2Client{ClientID: "cli_1", RedirectURIs: []string{"http://127.0.0.1/cb"}, AllowedScopes: []string{"decks:read", "cards:read"}},
			"http://127.0.0.1:9/api/public/v1/oauth/authorize?response_type=code&client_id=cli_1&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=decks%3Aread+cards%3Aread" +
				"&state={state}&code_challenge={S256 of your verifier}&code_challenge_method=S256"},
		{"default base", "", OAuth2Client{ClientID: "c", AllowedScopes: []string{"cards:read"}},
			"https://api.flexslot.gg/api/public/v1/oauth/authorize?response_type=code&client_id=c&redirect_uri=&scope=cards%3Aread" +
				"&state={state}&code_challenge={S256 of your verifier}&code_challenge_method=S256"},
		{"no scopes: no link, never an empty scope", "", OAuth2Client{ClientID: "c", RedirectURIs: []string{"https://a.example/cb"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AuthorizeURLTemplate(tt.base, tt.client); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
