package sandbox

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
)

// oauthWorld is a sandbox over loopback with one confidential client.
func oauthWorld(t *testing.T, name string) (*Server, string, *api.CreateClientResponse) {
	t.Helper()
	sb := New(Config{})
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, _ := api.New(srv.URL, sb.Token())
	resp, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: name,
		RedirectURIs: []string{"http://127.0.0.1:8765/cb"}, AllowedScopes: []string{"decks:read", "cards:read"},
		ApplicationLogoURL: "https://decktracker.example/logo.png"})
	if err != nil {
		t.Fatal(err)
	}
	return sb, srv.URL + api.APIPrefix, resp
}

// s256 is the PKCE S256 challenge of verifier (RFC 7636 §4.2).
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// codeFor walks the consent to a code, as a browser allowing it would.
func codeFor(t *testing.T, base, clientID, verifier string) string {
	t.Helper()
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {"http://127.0.0.1:8765/cb"},
		"scope": {"decks:read"}, "state": {"s1"}, "code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}
	loc, err := sandboxtest.Consent(base+api.AuthorizePath+"?"+q.Encode(), "allow")
	if err != nil || loc.Query().Get("state") != "s1" || loc.Query().Get("iss") == "" {
		t.Fatalf("consent: %v, Location %s", err, loc)
	}
	return loc.Query().Get("code")
}

func postForm(t *testing.T, target, id, secret string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(id, secret)
	}
	resp, out := sendJSON(t, req)
	return resp.StatusCode, out
}

// sendJSON sends req and returns the answer with its JSON body decoded (nil
// for a body that is not a JSON object).
func sendJSON(t *testing.T, req *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

// TestConsentPage: the application's name is escaped, nothing external is
// loaded, and there is no script; the logo is a link.
func TestConsentPage(t *testing.T) {
	_, base, created := oauthWorld(t, `Evil <script>alert(1)</script> "Deck"`)
	q := url.Values{"response_type": {"code"}, "client_id": {created.Client.ClientID}, "redirect_uri": {"http://127.0.0.1:8765/cb"},
		"scope": {"decks:read cards:read"}, "state": {"s"}, "code_challenge": {s256("a-verifier-of-the-43-characters-pkce-asks-for")}, "code_challenge_method": {"S256"}}
	resp, err := http.Get(base + api.AuthorizePath + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(page)
	for _, want := range []string{"Evil &lt;script&gt;alert(1)&lt;/script&gt; &#34;Deck&#34;", "See your decks and the cards in them",
		`href="https://decktracker.example/logo.png"`, `value="allow"`, `value="deny"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the consent page lacks %q", want)
		}
	}
	for _, banned := range []string{"<script", "<img", "src=", "@import"} {
		if strings.Contains(text, banned) {
			t.Errorf("the consent page holds %q", banned)
		}
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("no Content-Security-Policy")
	}
	// A redirect URI that matches nothing gets a page, never a redirect.
	q.Set("redirect_uri", "http://127.0.0.1:8765/other")
	resp, _ = http.Get(base + api.AuthorizePath + "?" + q.Encode())
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("a redirect URI mismatch answered %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestTokenEndpoint: a code is good once and needs its verifier; a refresh
// token rotates; introspection and revocation work for the issuing client;
// a rotated secret stops working.
func TestTokenEndpoint(t *testing.T) {
	sb, base, created := oauthWorld(t, "Deck Tracker")
	id, secret := created.Client.ClientID, created.PlaintextClientSecret.Reveal()
	code := codeFor(t, base, id, "the-verifier-0123456789-0123456789-0123456789")
	exchange := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {"http://127.0.0.1:8765/cb"},
		"code_verifier": {"the-verifier-0123456789-0123456789-0123456789"}}
	status, tok := postForm(t, base+api.TokenPath, id, secret, exchange)
	if status != 200 || tok["token_type"] != "Bearer" || tok["expires_in"] != float64(3600) || tok["scope"] != "decks:read" {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	access, refresh := tok["access_token"].(string), tok["refresh_token"].(string)
	if status, info := postForm(t, base+api.IntrospectPath, id, secret, url.Values{"token": {access}}); status != 200 || info["active"] != true {
		t.Errorf("introspect: %d %v", status, info)
	}
	req, _ := http.NewRequest(http.MethodGet, base+api.DecksPath, nil)
	req.Header.Set("Authorization", "Bearer "+access)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("GET /decks/: %v %v", resp, err)
	}
	status, rotated := postForm(t, base+api.TokenPath, id, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}})
	if status != 200 || rotated["refresh_token"] == refresh {
		t.Errorf("refresh: %d %v", status, rotated)
	}
	if status, _ := postForm(t, base+api.TokenPath, id, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}); status != 400 {
		t.Errorf("the spent refresh token answered %d", status)
	}
	if status, _ := postForm(t, base+api.RevokePath, id, secret, url.Values{"token": {access}}); status != 200 {
		t.Errorf("revoke: %d", status)
	}
	if _, info := postForm(t, base+api.IntrospectPath, id, secret, url.Values{"token": {access}}); info["active"] != false {
		t.Errorf("a revoked token is %v", info)
	}
	// A rotation retires the secret at the token endpoint.
	client, _ := api.New(strings.TrimSuffix(base, api.APIPrefix), sb.Token())
	if _, err := client.RotateSecret(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if status, body := postForm(t, base+api.TokenPath, id, secret, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rotated["refresh_token"].(string)}}); status != 401 || body["error"] != "invalid_client" {
		t.Errorf("the old secret after a rotation: %d %v", status, body)
	}
}

// TestClientAuthenticationRefused: the token, revocation and introspection
// endpoints refuse a wrong secret alike: 401, invalid_client and
// WWW-Authenticate (RFC 6749 §5.2; RFC 7009 and 7662 defer to it).
func TestClientAuthenticationRefused(t *testing.T) {
	_, base, created := oauthWorld(t, "Deck Tracker")
	for _, path := range []string{api.TokenPath, api.RevokePath, api.IntrospectPath} {
		t.Run(path, func(t *testing.T) {
			form := url.Values{"grant_type": {"authorization_code"}, "code": {"x"}, "token": {"x"}}
			req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(created.Client.ClientID, "not-the-secret")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body map[string]any
			json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != http.StatusUnauthorized || body["error"] != "invalid_client" || resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%d %v, WWW-Authenticate %q", resp.StatusCode, body, resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
}
