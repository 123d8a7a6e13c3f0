package flow_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestSummaryNamesOnlyCredentials: the summary names the client and its
// rotate command only when the server's id and secret are credentials; else
// it says why nothing is shown, and names nothing a person could paste.
func TestSummaryNamesOnlyCredentials(t *testing.T) {
	const id, secret = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"
	tests := []struct {
		name       string
		id, secret string
		want       []string
		absent     []string
	}{
		{"credentials", id, secret, []string{"client id      " + id, "NOT SAVED: rotate it to get a new one: flexslot-register rotate " + id}, []string{secret}},
		{"an id that would run code", "cli_$(touch x)", secret, []string{advice.NotCredential()}, []string{"touch", "rotate cli_", secret}},
		{"a secret with a line break", id, "s\nPATH=/tmp", []string{advice.NotCredential()}, []string{id, "PATH"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := flow.Result{Outcome: flow.OutcomeRegistered, Created: &api.CreateClientResponse{
				Client:                api.OAuth2Client{ClientID: tt.id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
				PlaintextClientSecret: api.Secret(tt.secret)}}
			uitest.WantText(t, r.Summary(), tt.want, tt.absent)
		})
	}
}

// TestEndpointsOf: the OAuth endpoints of the default API are the docs' own
// URLs; a sandbox's and a custom --api-url's lie at the same paths below
// their base URL, which is the issuer.
func TestEndpointsOf(t *testing.T) {
	sb := startSandbox(t)
	tests := []struct {
		name, base string
		want       flow.Endpoints
	}{
		{"the default API", "", flow.Endpoints{
			Issuer:                "https://api.flexslot.gg",
			AuthorizationEndpoint: "https://api.flexslot.gg/api/public/v1/oauth/authorize",
			TokenEndpoint:         "https://api.flexslot.gg/api/public/v1/oauth/token",
			RevocationEndpoint:    "https://api.flexslot.gg/api/public/v1/oauth/revoke"}},
		{"the default API, named", api.DefaultBaseURL + "/", flow.Endpoints{
			Issuer:                "https://api.flexslot.gg",
			AuthorizationEndpoint: "https://api.flexslot.gg/api/public/v1/oauth/authorize",
			TokenEndpoint:         "https://api.flexslot.gg/api/public/v1/oauth/token",
			RevocationEndpoint:    "https://api.flexslot.gg/api/public/v1/oauth/revoke"}},
		{"a sandbox", sb.URL, flow.Endpoints{
			Issuer:                sb.URL,
			AuthorizationEndpoint: sb.URL + "/api/public/v1/oauth/authorize",
			TokenEndpoint:         sb.URL + "/api/public/v1/oauth/token",
			RevocationEndpoint:    sb.URL + "/api/public/v1/oauth/revoke"}},
		{"a custom --api-url with a path", "https://gateway.example/flexslot/", flow.Endpoints{
			Issuer:                "https://gateway.example/flexslot",
			AuthorizationEndpoint: "https://gateway.example/flexslot/api/public/v1/oauth/authorize",
			TokenEndpoint:         "https://gateway.example/flexslot/api/public/v1/oauth/token",
			RevocationEndpoint:    "https://gateway.example/flexslot/api/public/v1/oauth/revoke"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := flow.EndpointsOf(tt.base); got != tt.want {
				t.Errorf("EndpointsOf(%q)\n got %+v\nwant %+v", tt.base, got, tt.want)
			}
		})
	}
}

// TestSandboxServesEndpoints: a sign-in through the endpoints EndpointsOf
// names for a sandbox works: the consent at the authorization endpoint, a
// callback naming the issuer, the code exchanged at the token endpoint, the
// token revoked at the revocation endpoint.
func TestSandboxServesEndpoints(t *testing.T) {
	sb := startSandbox(t)
	e := flow.EndpointsOf(sb.URL)
	client, err := api.New(sb.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	const redirect = "http://127.0.0.1/callback"
	created, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: "Deck CLI", ClientType: "public",
		RedirectURIs: []string{redirect}, AllowedScopes: []string{"decks:read"}}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	id := created.Client.ClientID
	verifier := strings.Repeat("v", 43)
	sum := sha256.Sum256([]byte(verifier))
	back, err := sandboxtest.Consent(e.AuthorizationEndpoint+"?"+url.Values{"response_type": {"code"}, "client_id": {id},
		"redirect_uri": {redirect}, "scope": {"decks:read"}, "state": {"s"},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}.Encode(), "allow")
	if err != nil {
		t.Fatal(err)
	}
	if iss := back.Query().Get("iss"); iss != e.Issuer {
		t.Errorf("the callback names the issuer %q, not %q", iss, e.Issuer)
	}
	var token struct {
		AccessToken string `json:"access_token"`
	}
	post(t, e.TokenEndpoint, url.Values{"grant_type": {"authorization_code"}, "code": {back.Query().Get("code")},
		"redirect_uri": {redirect}, "code_verifier": {verifier}, "client_id": {id}}, &token)
	if token.AccessToken == "" {
		t.Fatal("no access token")
	}
	post(t, e.RevocationEndpoint, url.Values{"token": {token.AccessToken}, "client_id": {id}}, nil)
}

// post sends form to endpoint, wants 200, and decodes the answer into v
// unless v is nil.
func post(t *testing.T, endpoint string, form url.Values, v any) {
	t.Helper()
	resp, err := http.PostForm(endpoint, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: %d %s", endpoint, resp.StatusCode, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSummaryNamesEndpoints: after a registration or a rotation, the summary
// names the OAuth endpoints of the API in use; with no credentials to use
// them with, none.
func TestSummaryNamesEndpoints(t *testing.T) {
	const id, secret = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"
	endpoints := func(base string) []string {
		return []string{"  issuer         " + base + "\n", "  authorize URL  " + base + "/api/public/v1/oauth/authorize\n",
			"  token URL      " + base + "/api/public/v1/oauth/token\n", "  revocation URL " + base + "/api/public/v1/oauth/revoke\n"}
	}
	tests := []struct {
		name, base string
		rotated    bool
		id         string
		want       []string
		absent     []string
	}{
		{"the default API", "", false, id, endpoints("https://api.flexslot.gg"), nil},
		{"a sandbox, rotated", "http://127.0.0.1:41234", true, id, append(endpoints("http://127.0.0.1:41234"), "New secret for"), []string{"api.flexslot.gg"}},
		{"a custom API", "https://gateway.example/flexslot/", false, id, endpoints("https://gateway.example/flexslot"), []string{"api.flexslot.gg"}},
		{"no credentials", "", false, "cli_$(touch x)", []string{advice.NotCredential()}, []string{"issuer", "oauth"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := flow.Result{Outcome: flow.OutcomeRegistered, Rotated: tt.rotated, Created: &api.CreateClientResponse{
				Client:                api.OAuth2Client{ClientID: tt.id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
				PlaintextClientSecret: api.Secret(secret)}}
			uitest.WantText(t, r.SummaryAt(tt.base), tt.want, tt.absent)
		})
	}
}

// startSandbox serves a sandbox for one test.
func startSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	return sb
}

// TestSummarySaysWhereTheSecretWent: the summary's secret line says what
// became of it, and no more: a copy cleared from the clipboard since is not
// "in the clipboard".
func TestSummarySaysWhereTheSecretWent(t *testing.T) {
	const id, secret = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"
	created := &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
		PlaintextClientSecret: api.Secret(secret)}
	tests := []struct {
		name   string
		result flow.Result
		want   string
	}{
		{"saved", flow.Result{SavedTo: "client.env"}, "secret         saved to client.env"},
		{"copied, cleared since", flow.Result{Copied: true}, "secret         copied to the clipboard, and cleared from it since; not saved to a file"},
		{"copied, still there", flow.Result{Copied: true, ClipboardHoldsSecret: true}, "Your clipboard still holds the secret"},
		{"sent through OSC 52", flow.Result{SentOSC52: true}, "sent to your terminal's clipboard (OSC 52), unconfirmed"},
		{"nowhere", flow.Result{}, "NOT SAVED: rotate it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.result
			r.Outcome, r.Created = flow.OutcomeRegistered, created
			uitest.WantText(t, r.Summary(), []string{tt.want}, []string{secret})
		})
	}
}
