package sandbox

import (
	"strings"
	"testing"
)

// TestTokenShapedValuesAreTheToolsRule: the tool refuses a value that holds a
// personal access token before sending it (validate.NoToken), but the API
// does not document such a refusal, so the sandbox does not make it; it still
// refuses what else is wrong with the value.
func TestTokenShapedValuesAreTheToolsRule(t *testing.T) {
	sb, base := serve(t, Config{})
	clients := base + "/me/partner/oauth2-clients"
	tests := []struct {
		name, body string
		status     int
		wantBody   string // a part of the answer
	}{
		{"a name that holds flx_pat_ is the server's to take",
			`{"application_name":"Tracker flx_pat_abc","redirect_uris":["https://a.example/cb"],"allowed_scopes":["decks:read"]}`, 201, `"client_id":"cli_`},
		{"a plain-http redirect URI that holds it is refused for the http",
			`{"application_name":"Other","redirect_uris":["http://a.example/flx_pat_abc"],"allowed_scopes":["decks:read"]}`, 400,
			`{"redirect_uris":{"0":["Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1]."]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := call(t, "POST", clients, sb.Token(), "application/json", tt.body)
			if status != tt.status || !strings.Contains(body, tt.wantBody) || strings.Contains(body, "personal access token") {
				t.Errorf("got %d %s\nwant %d with %s", status, body, tt.status, tt.wantBody)
			}
		})
	}
}
