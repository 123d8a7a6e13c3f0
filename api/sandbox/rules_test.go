package sandbox

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
)

// These tests hold the sandbox's OAuth endpoints to what the docs say and,
// where they are silent, the RFCs: a partner's app learns its habits here.
// Where a client library is at hand (golang.org/x/oauth2), the test goes
// through it, as the partner's app would.

// rulesWorld is a sandbox over loopback with one confidential client that
// registered redirect and the given grant types, and an x/oauth2 config for it.
type rulesWorld struct {
	sb       *Server
	srv      *httptest.Server
	base     string // srv.URL + api.APIPrefix
	id       string
	secret   string
	redirect string
	conf     *oauth2.Config
}

func newRulesWorld(t *testing.T, redirect string, grants ...string) *rulesWorld {
	t.Helper()
	sb := New(Config{})
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, _ := api.New(srv.URL, sb.Token())
	resp, err := client.CreateOAuth2Client(context.Background(), api.CreateClientRequest{ApplicationName: "Deck Tracker",
		RedirectURIs: []string{redirect}, AllowedScopes: []string{"decks:read"}, GrantTypes: grants})
	if err != nil {
		t.Fatal(err)
	}
	w := &rulesWorld{sb: sb, srv: srv, base: srv.URL + api.APIPrefix, id: resp.Client.ClientID,
		secret: resp.PlaintextClientSecret.Reveal(), redirect: redirect}
	w.conf = &oauth2.Config{ClientID: w.id, ClientSecret: w.secret, RedirectURL: redirect, Scopes: []string{"decks:read"},
		Endpoint: oauth2.Endpoint{AuthURL: w.base + api.AuthorizePath, TokenURL: w.base + api.TokenPath, AuthStyle: oauth2.AuthStyleInHeader}}
	return w
}

// noFollow is a browser that stops at a redirect, to read where it goes.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// allow loads the consent page of an authorization URL and posts its form
// with Allow, as a browser on that page would, with the Host header host when
// it is not empty, and returns the answer: the page's own when it shows no
// consent (an error page, a redirect).
func (w *rulesWorld) allow(t *testing.T, authURL, host string) *http.Response {
	t.Helper()
	get, _ := http.NewRequest(http.MethodGet, authURL, nil)
	get.Host = host
	resp, err := noFollow.Do(get)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp
	}
	form := sandboxtest.FormFields(page)
	form.Set("decision", "allow")
	return w.post(t, form, http.Header{"Origin": {w.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}, host)
}

// post sends a consent decision, form, with header, and the Host header host
// when it is not empty, and returns the answer, its body read.
func (w *rulesWorld) post(t *testing.T, form url.Values, header http.Header, host string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, w.base+api.AuthorizePath, strings.NewReader(form.Encode()))
	req.Header = header.Clone()
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Host = host
	resp, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp
}

// signIn walks x/oauth2's authorization URL through the consent to a token.
func (w *rulesWorld) signIn(t *testing.T) *oauth2.Token {
	t.Helper()
	verifier := oauth2.GenerateVerifier()
	resp := w.allow(t, w.conf.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier)), "")
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("code") == "" || loc.Query().Get("state") != "state-1" {
		t.Fatalf("consent: %d, Location %s", resp.StatusCode, loc)
	}
	tok, err := w.conf.Exchange(context.Background(), loc.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// introspect asks whether a token is active, as its client.
func (w *rulesWorld) introspect(t *testing.T, token string) map[string]any {
	t.Helper()
	_, info := postForm(t, w.base+api.IntrospectPath, w.id, w.secret, url.Values{"token": {token}})
	return info
}

// decks calls GET /decks/ with the Authorization header given (none when
// empty) and returns the answer, its body read.
func (w *rulesWorld) decks(t *testing.T, authorization string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, w.base+api.DecksPath, nil)
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	return sendJSON(t, req)
}

// TestSignInWithXOAuth2: the whole flow through golang.org/x/oauth2, as a
// partner's Go app runs it: the authorization URL, the consent, the exchange
// with PKCE, an API call through its client, a refresh.
func TestSignInWithXOAuth2(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	tok := w.signIn(t)
	if tok.TokenType != "Bearer" || tok.RefreshToken == "" || !tok.Valid() {
		t.Fatalf("token: type %q, refresh %t, valid %t", tok.TokenType, tok.RefreshToken != "", tok.Valid())
	}
	resp, err := w.conf.Client(context.Background(), tok).Get(w.base + api.DecksPath)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /decks/ through x/oauth2's client: %v %v", resp, err)
	}
	resp.Body.Close()
	expired := *tok
	expired.Expiry = expired.Expiry.Add(-2 * accessLifetime)
	fresh, err := w.conf.TokenSource(context.Background(), &expired).Token()
	if err != nil || fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Errorf("refresh through x/oauth2: %v (new access %t, new refresh %t)", err, fresh != nil && fresh.AccessToken != tok.AccessToken,
			fresh != nil && fresh.RefreshToken != tok.RefreshToken)
	}
}

// TestGrantTypesAreEnforced: a client registered for authorization_code alone
// gets no refresh token, and the refresh grant refuses it with
// unauthorized_client (RFC 6749 §5.2).
func TestGrantTypesAreEnforced(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback", "authorization_code")
	tok := w.signIn(t)
	if tok.RefreshToken != "" {
		t.Error("a client without the refresh_token grant got a refresh token")
	}
	_, err := w.conf.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "any"}).Token()
	var retrieve *oauth2.RetrieveError
	if !errors.As(err, &retrieve) || retrieve.ErrorCode != "unauthorized_client" || retrieve.Response.StatusCode != http.StatusBadRequest {
		t.Errorf("the refresh grant for that client: %v", err)
	}
}

// TestLoopbackRedirectVariesOnlyInPort: with http://127.0.0.1/callback
// registered, only the port may differ; user info, a fragment, another
// escaping of the path or another host get the error page, never a redirect.
func TestLoopbackRedirectVariesOnlyInPort(t *testing.T) {
	tests := []struct {
		redirect string
		matches  bool
	}{
		{"http://127.0.0.1/callback", true},
		{"http://127.0.0.1:49152/callback", true},
		{"http://127.0.0.1:1/callback", true},
		{"http://evil@127.0.0.1:49152/callback", false},
		{"http://127.0.0.1:49152/callback#frag", false},
		{"http://127.0.0.1:49152/call%62ack", false},
		{"http://127.0.0.1:49152/callback/", false},
		{"http://127.0.0.1:49152/callback?x=1", false},
		{"http://127.0.0.1:0/callback", false},
		{"http://127.0.0.1:65536/callback", false},
		{"http://127.0.0.1:049152/callback", false},
		{"http://127.0.0.1:/callback", false},
		{"http://127.0.0.1.evil.example/callback", false},
		{"http://[::1]:49152/callback", false},
		{"http://localhost:49152/callback", false},
		{"https://127.0.0.1:49152/callback", false},
	}
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	for _, tt := range tests {
		t.Run(tt.redirect, func(t *testing.T) {
			conf := *w.conf
			conf.RedirectURL = tt.redirect
			resp := w.allow(t, conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), "")
			loc := resp.Header.Get("Location")
			if tt.matches && (resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, tt.redirect+"?code=")) {
				t.Errorf("a matching redirect URI answered %d, Location %q", resp.StatusCode, loc)
			}
			if !tt.matches && (resp.StatusCode != http.StatusBadRequest || loc != "") {
				t.Errorf("a redirect URI that differs answered %d, Location %q; want the error page", resp.StatusCode, loc)
			}
		})
	}
	// The same rule for [::1] when that is what was registered.
	w6 := newRulesWorld(t, "http://[::1]/cb")
	for redirect, matches := range map[string]bool{"http://[::1]:5000/cb": true, "http://[::1]:5000/cb#x": false, "http://127.0.0.1:5000/cb": false} {
		conf := *w6.conf
		conf.RedirectURL = redirect
		resp := w6.allow(t, conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), "")
		if got := resp.StatusCode == http.StatusFound; got != matches {
			t.Errorf("%s with http://[::1]/cb registered: %d", redirect, resp.StatusCode)
		}
	}
}

// TestStateIsRequired: an authorization request without state goes back to
// the client with invalid_request, and shows no consent (the docs list state
// among the required parameters; the security page: "state on every request").
func TestStateIsRequired(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	authURL := w.conf.AuthCodeURL("", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	if strings.Contains(authURL, "state=") {
		t.Fatalf("the URL still has a state: %s", authURL)
	}
	resp, err := noFollow.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != "invalid_request" || strings.Contains(string(page), "Allow") {
		t.Errorf("no state: %d, Location %s", resp.StatusCode, loc)
	}
	if resp := w.allow(t, authURL, ""); resp.Header.Get("Location") == "" || strings.Contains(resp.Header.Get("Location"), "code=") {
		t.Errorf("no state, Allow posted: %d, Location %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestPKCEChallengeShape: /authorize takes only an S256 code_challenge shaped
// as RFC 7636 §4.2 and appendix A make one, 43 base64url characters without
// padding; any other goes back to the app with invalid_request and words
// saying what is wrong (the docs' /authorize error table), and no consent.
func TestPKCEChallengeShape(t *testing.T) {
	good := oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())
	tests := []struct {
		name, challenge string
		want            string // in error_description; "" for a challenge taken
	}{
		{"an S256 challenge", good, ""},
		{"one character", "x", "this one has 1"},
		{"42 characters", good[:42], "this one has 42"},
		{"44 characters", good + "A", "this one has 44"},
		{"padded", good + "=", "= padding"},
		{"standard base64", "+" + good[1:], "character 1 is '+' (standard base64"},
		{"a space", good[:10] + " " + good[11:], "character 11 is a space"},
		{"not ASCII", good[:42] + "é", "character 43 is U+00E9"},
		{"bits no hash has", good[:42] + "B", "not the encoding of a 32-byte hash"},
	}
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			authURL := w.conf.AuthCodeURL("s", oauth2.SetAuthURLParam("code_challenge", tt.challenge),
				oauth2.SetAuthURLParam("code_challenge_method", "S256"))
			resp, err := noFollow.Get(authURL)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ := url.Parse(resp.Header.Get("Location"))
			q := loc.Query()
			if tt.want == "" {
				if resp.StatusCode != http.StatusOK {
					t.Errorf("a good challenge answered %d, Location %s", resp.StatusCode, loc)
				}
				return
			}
			if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), w.redirect+"?") ||
				q.Get("error") != "invalid_request" || q.Get("state") != "s" || !strings.Contains(q.Get("error_description"), tt.want) {
				t.Errorf("answered %d, Location %s; want invalid_request saying %q", resp.StatusCode, loc, tt.want)
			}
			checkDescription(t, q.Get("error_description"))
		})
	}
}

// TestPKCEVerifierShape: the token endpoint takes only a code_verifier of 43
// to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1), even one whose
// hash is the challenge; any other is invalid_grant with words saying what
// is wrong, and burns the code like a verifier that does not match.
func TestPKCEVerifierShape(t *testing.T) {
	tests := []struct {
		name, verifier string
		want           string // in error_description; "" for a verifier taken
	}{
		{"43 characters", strings.Repeat("a-._~", 8) + "Z09", ""},
		{"128 characters", strings.Repeat("Ab9~", 32), ""},
		{"none", "", "none was sent"},
		{"one character", "x", "this one has 1"},
		{"42 characters", strings.Repeat("a", 42), "this one has 42"},
		{"129 characters", strings.Repeat("a", 129), "this one has 129"},
		{"200 characters", strings.Repeat("a", 200), "this one has 200"},
		{"a space", "a verifier with spaces in it, 43 characters", "character 2 is a space"},
		{"standard base64", strings.Repeat("a", 42) + "+", "character 43 is '+'"},
		{"a double quote", `"` + strings.Repeat("a", 42), "character 1 is U+0022"},
		{"not ASCII", strings.Repeat("a", 42) + "é", "character 43 is U+00E9"},
	}
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The challenge is the verifier's own: only its shape is wrong.
			resp := w.allow(t, w.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(tt.verifier)), "")
			loc, _ := url.Parse(resp.Header.Get("Location"))
			code := loc.Query().Get("code")
			if code == "" {
				t.Fatalf("consent: %d, Location %s", resp.StatusCode, loc)
			}
			_, err := w.conf.Exchange(context.Background(), code, oauth2.VerifierOption(tt.verifier))
			if tt.want == "" {
				if err != nil {
					t.Errorf("a good verifier: %v", err)
				}
				return
			}
			var retrieve *oauth2.RetrieveError
			if !errors.As(err, &retrieve) || retrieve.Response.StatusCode != http.StatusBadRequest || retrieve.ErrorCode != "invalid_grant" ||
				!strings.Contains(retrieve.ErrorDescription, tt.want) {
				t.Fatalf("got %v; want invalid_grant saying %q", err, tt.want)
			}
			checkDescription(t, retrieve.ErrorDescription)
			_, err = w.conf.Exchange(context.Background(), code, oauth2.VerifierOption(strings.Repeat("a", 43)))
			if !errors.As(err, &retrieve) || !strings.Contains(retrieve.ErrorDescription, "already used") {
				t.Errorf("the code after a malformed verifier: %v", err)
			}
		})
	}
}

// checkDescription fails when an error_description holds a character RFC
// 6749 (§4.1.2.1, §5.2) does not allow there: only printable ASCII, and
// neither the double quote nor the backslash.
func checkDescription(t *testing.T, description string) {
	t.Helper()
	for _, r := range description {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			t.Errorf("the error_description holds %q: %s", r, description)
		}
	}
}

// TestConsentDecisionIsBoundToItsPage: a decision is taken only from the form
// of a consent page shown, with its one-time token, for the very request the
// page showed, before the page expires, and only when a browser sent it from
// the sandbox's own origin; anything else gets a 403 page and no code
// (RFC 6749 §10.12: CSRF protection of the authorization endpoint). The page
// may not be framed (§10.13) and posts only to the sandbox (CSP).
func TestConsentDecisionIsBoundToItsPage(t *testing.T) {
	tests := []struct {
		name   string
		meddle func(w *rulesWorld, form url.Values, header http.Header)
		want   string // "code", "access_denied", or words of the 403 page
	}{
		{"the page's form, Allow", nil, "code"},
		{"the page's form, Deny", func(_ *rulesWorld, form url.Values, _ http.Header) { form.Set("decision", "deny") }, "access_denied"},
		{"no Origin nor Sec-Fetch-Site (not a browser)", func(_ *rulesWorld, _ url.Values, h http.Header) {
			h.Del("Origin")
			h.Del("Sec-Fetch-Site")
		}, "code"},
		{"the page never loaded, from evil.example", func(_ *rulesWorld, form url.Values, h http.Header) {
			form.Del(consentTokenField)
			h.Set("Origin", "https://evil.example")
			h.Set("Sec-Fetch-Site", "cross-site")
		}, "from https://evil.example"},
		{"the page never loaded, no Origin", func(_ *rulesWorld, form url.Values, h http.Header) {
			form.Del(consentTokenField)
			h.Del("Origin")
			h.Del("Sec-Fetch-Site")
		}, "carries no consent_token"},
		{"a token never issued", func(_ *rulesWorld, form url.Values, _ http.Header) {
			form.Set(consentTokenField, randomString(32))
		}, "answered already, or never shown"},
		{"the page's token, from evil.example", func(_ *rulesWorld, _ url.Values, h http.Header) {
			h.Set("Origin", "https://evil.example")
			h.Set("Sec-Fetch-Site", "cross-site")
		}, "from https://evil.example"},
		{"the page's token, Origin null", func(_ *rulesWorld, _ url.Values, h http.Header) { h.Set("Origin", "null") }, "from null"},
		{"the page's token, from another port of the same host", func(_ *rulesWorld, _ url.Values, h http.Header) {
			h.Set("Origin", "http://127.0.0.1:1")
			h.Set("Sec-Fetch-Site", "same-site")
		}, "from http://127.0.0.1:1"},
		{"the page's token, Sec-Fetch-Site cross-site without Origin", func(_ *rulesWorld, _ url.Values, h http.Header) {
			h.Del("Origin")
			h.Set("Sec-Fetch-Site", "cross-site")
		}, "Sec-Fetch-Site: cross-site"},
		{"the page's token with another code_challenge", func(_ *rulesWorld, form url.Values, _ http.Header) {
			form.Set("code_challenge", oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier()))
		}, "its code_challenge differs"},
		{"the page's token with another state", func(_ *rulesWorld, form url.Values, _ http.Header) { form.Set("state", "other") }, "its state differs"},
		{"the page's token with another port of the redirect URI", func(_ *rulesWorld, form url.Values, _ http.Header) {
			form.Set("redirect_uri", "http://127.0.0.1:49152/callback")
		}, "its redirect_uri differs"},
		{"the page's token, expired", func(w *rulesWorld, _ url.Values, _ http.Header) { w.expireConsents() }, "expired: it may be answered for 10 minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newRulesWorld(t, "http://127.0.0.1/callback")
			// What a browser sends with a form of the sandbox's page.
			form, header := w.consentForm(t), http.Header{"Origin": {w.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
			if tt.meddle != nil {
				tt.meddle(w, form, header)
			}
			resp := w.post(t, form, header, "")
			body, _ := io.ReadAll(resp.Body)
			loc, _ := url.Parse(resp.Header.Get("Location"))
			switch tt.want {
			case "code", "access_denied":
				if got := loc.Query(); resp.StatusCode != http.StatusFound || got.Get("state") != "s" ||
					(tt.want == "code") != (got.Get("code") != "") || (tt.want == "access_denied") != (got.Get("error") == "access_denied") {
					t.Errorf("answered %d, Location %s; want %s", resp.StatusCode, loc, tt.want)
				}
			default:
				if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" || !strings.Contains(string(body), tt.want) {
					t.Errorf("answered %d, Location %s, page %q; want 403 saying %q", resp.StatusCode, loc, body, tt.want)
				}
			}
		})
	}

	t.Run("the page's form posted twice", func(t *testing.T) {
		w := newRulesWorld(t, "http://127.0.0.1/callback")
		form, header := w.consentForm(t), http.Header{"Origin": {w.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
		if resp := w.post(t, form, header, ""); resp.StatusCode != http.StatusFound {
			t.Fatalf("the first post: %d", resp.StatusCode)
		}
		resp := w.post(t, form, header, "")
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" || !strings.Contains(string(body), "answered already") {
			t.Errorf("the second post: %d, Location %q, page %q", resp.StatusCode, resp.Header.Get("Location"), body)
		}
	})

	// The form posts to the sandbox alone, and the redirect answering it
	// goes to the app's origin, which Chromium holds to form-action too;
	// CSP cannot name an IPv6 literal, so [::1] gets its scheme.
	for _, tt := range []struct{ registered, requested, formAction string }{
		{"http://127.0.0.1/callback", "http://127.0.0.1:49152/callback", "form-action 'self' http://127.0.0.1:49152;"},
		{"https://decktracker.example/cb", "https://decktracker.example/cb", "form-action 'self' https://decktracker.example;"},
		{"http://[::1]/cb", "http://[::1]:5000/cb", "form-action 'self' http:;"},
	} {
		t.Run("the page's Content-Security-Policy for "+tt.requested, func(t *testing.T) {
			w := newRulesWorld(t, tt.registered)
			conf := *w.conf
			conf.RedirectURL = tt.requested
			resp, err := http.Get(conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			csp := resp.Header.Get("Content-Security-Policy")
			for _, want := range []string{tt.formAction, "frame-ancestors 'none'"} {
				if resp.StatusCode != http.StatusOK || !strings.Contains(csp, want) {
					t.Errorf("the consent page (%d) has Content-Security-Policy %q, without %s", resp.StatusCode, csp, want)
				}
			}
		})
	}
}

// consentForm loads the consent page of a sign-in with state s and returns
// its form, as a browser holds it.
func (w *rulesWorld) consentForm(t *testing.T) url.Values {
	t.Helper()
	resp, err := http.Get(w.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := sandboxtest.FormFields(page)
	if resp.StatusCode != http.StatusOK || form.Get("client_id") != w.id {
		t.Fatalf("the consent page: %d, form %v", resp.StatusCode, form)
	}
	form.Set("decision", "allow")
	return form
}

// expireConsents makes every consent page shown so far older than its
// lifetime, as a page left open too long.
func (w *rulesWorld) expireConsents() {
	w.sb.mu.Lock()
	defer w.sb.mu.Unlock()
	for _, c := range w.sb.oauth().consents {
		c.expires = now().Add(-time.Second)
	}
}

// TestRevocation: the token parameter is required (RFC 7009 §2.1: 400
// invalid_request), and revoking a refresh token ends the access tokens of
// its grant too, but not those of another sign-in.
func TestRevocation(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	status, body := postForm(t, w.base+api.RevokePath, w.id, w.secret, url.Values{"token_type_hint": {"access_token"}})
	if status != http.StatusBadRequest || body["error"] != "invalid_request" {
		t.Errorf("revoke without token: %d %v", status, body)
	}
	first, other := w.signIn(t), w.signIn(t)
	if status, _ := postForm(t, w.base+api.RevokePath, w.id, w.secret, url.Values{"token": {first.RefreshToken}, "token_type_hint": {"refresh_token"}}); status != http.StatusOK {
		t.Fatalf("revoke the refresh token: %d", status)
	}
	if info := w.introspect(t, first.AccessToken); info["active"] != false {
		t.Errorf("the access token of a revoked refresh token's grant: %v", info)
	}
	if info := w.introspect(t, other.AccessToken); info["active"] != true {
		t.Errorf("another sign-in's access token: %v", info)
	}
}

// TestCodeRedeemedTwiceRevokesItsTokens: a code presented a second time is
// refused, and the tokens its first redemption issued stop working
// (RFC 6749 §4.1.2).
func TestCodeRedeemedTwiceRevokesItsTokens(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	verifier := oauth2.GenerateVerifier()
	loc, _ := url.Parse(w.allow(t, w.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier)), "").Header.Get("Location"))
	code := loc.Query().Get("code")
	tok, err := w.conf.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	_, err = w.conf.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
	var retrieve *oauth2.RetrieveError
	if !errors.As(err, &retrieve) || retrieve.ErrorCode != "invalid_grant" {
		t.Errorf("the second redemption: %v", err)
	}
	for name, token := range map[string]string{"access": tok.AccessToken, "refresh": tok.RefreshToken} {
		if info := w.introspect(t, token); info["active"] != false {
			t.Errorf("the first redemption's %s token after the second: %v", name, info)
		}
	}
}

// TestIntrospectionTokenType: token_type is RFC 6749 §5.1's type (Bearer) for
// an access token (RFC 7662 §2.2), never a token_type_hint value.
func TestIntrospectionTokenType(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	tok := w.signIn(t)
	if info := w.introspect(t, tok.AccessToken); info["active"] != true || info["token_type"] != "Bearer" {
		t.Errorf("an access token: %v", info)
	}
	if info := w.introspect(t, tok.RefreshToken); info["active"] != true || info["token_type"] == "refresh_token" {
		t.Errorf("a refresh token: %v", info)
	}
}

// TestBearerScheme: the auth scheme is case-insensitive (RFC 7235 §2.1), at
// the decks endpoint as at the personal-access-token ones; a request with no
// token at all gets a challenge with no error (RFC 6750 §3.1), a bad one
// invalid_token.
func TestBearerScheme(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	tok := w.signIn(t)
	for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
		if resp, body := w.decks(t, scheme+" "+tok.AccessToken); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %v", scheme, resp.StatusCode, body)
		}
	}
	resp, body := w.decks(t, "")
	if challenge := resp.Header.Get("WWW-Authenticate"); resp.StatusCode != http.StatusUnauthorized ||
		!strings.HasPrefix(challenge, "Bearer") || strings.Contains(challenge, "error") || body["error"] != nil {
		t.Errorf("no token: %d, WWW-Authenticate %q, body %v", resp.StatusCode, challenge, body)
	}
	resp, body = w.decks(t, "Bearer not-a-token")
	if !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) || body["error"] != "invalid_token" {
		t.Errorf("a bad token: %d, WWW-Authenticate %q, body %v", resp.StatusCode, resp.Header.Get("WWW-Authenticate"), body)
	}

	sb := New(Config{})
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	req, _ := http.NewRequest(http.MethodGet, srv.URL+api.APIPrefix+"/me/partner", nil)
	req.Header.Set("Authorization", "bearer "+sb.Token())
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET /me/partner with bearer in lower case: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

// TestTokenAnswersAreNotCached: Cache-Control: no-store and Pragma: no-cache
// on every answer of the token endpoint, tokens and errors (RFC 6749 §5.1).
func TestTokenAnswersAreNotCached(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	tok := w.signIn(t)
	for name, form := range map[string]url.Values{
		"a refresh":    {"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}},
		"a bad code":   {"grant_type": {"authorization_code"}, "code": {"nope"}},
		"a bad grant":  {"grant_type": {"password"}},
		"a bad secret": {"grant_type": {"refresh_token"}, "refresh_token": {"x"}, "client_secret": {"x"}},
	} {
		req, _ := http.NewRequest(http.MethodPost, w.base+api.TokenPath, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if form.Get("client_secret") == "" {
			req.SetBasicAuth(w.id, w.secret)
		} else {
			req.SetBasicAuth(w.id, "wrong")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Pragma") != "no-cache" {
			t.Errorf("%s: %d, Cache-Control %q, Pragma %q", name, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Pragma"))
		}
	}
}

// TestIssuerIsFixed: iss on the callback is the server's own base URL,
// whatever the Host header of the request says (RFC 9207), and Config.Issuer
// when one is set.
func TestIssuerIsFixed(t *testing.T) {
	w := newRulesWorld(t, "http://127.0.0.1/callback")
	authURL := w.conf.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	for _, host := range []string{"", "evil.example", "127.0.0.1:1"} {
		loc, _ := url.Parse(w.allow(t, authURL, host).Header.Get("Location"))
		if got := loc.Query().Get("iss"); got != w.srv.URL {
			t.Errorf("Host %q: iss %q, want %q", host, got, w.srv.URL)
		}
	}
	running, err := Start("127.0.0.1:0", Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	if got := running.Server.cfg.Issuer; got != running.URL {
		t.Errorf("a started sandbox's issuer is %q, its URL %q", got, running.URL)
	}
}
