package signin

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
)

// world is a sandbox over loopback HTTP with a confidential and a public
// client registered.
type world struct {
	sb                   *sandbox.Server
	base                 string
	api                  *api.Client
	confidential, public *api.CreateClientResponse
}

func newWorld(t *testing.T) world {
	t.Helper()
	sb := sandbox.New(sandbox.Config{})
	srv := httptest.NewServer(sb)
	t.Cleanup(func() { sb.Close(); srv.Close() })
	client, err := api.New(srv.URL, sb.Token())
	if err != nil {
		t.Fatal(err)
	}
	w := world{sb: sb, base: srv.URL, api: client}
	w.confidential = w.register(t, "Deck confidential", "confidential", "http://127.0.0.1/callback")
	w.public = w.register(t, "Deck public", "public", "http://127.0.0.1/callback")
	return w
}

// register registers a client named name, of kind (confidential or public),
// with redirectURIs in the sandbox.
func (w world) register(t *testing.T, name, kind string, redirectURIs ...string) *api.CreateClientResponse {
	t.Helper()
	resp, err := w.api.CreateOAuth2Client(context.Background(), api.CreateClientRequest{
		ApplicationName: name, ClientType: kind, RedirectURIs: redirectURIs,
		AllowedScopes: []string{"decks:read", "cards:read"}})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// browser plays the user's browser: it presses the button decision ("allow"
// or "deny") on the consent page and follows the redirect to the listener.
// meddle, when set, may change the callback URL first.
func browser(t *testing.T, decision string, meddle func(*url.URL)) func(string) error {
	return func(authorize string) error {
		go func() {
			callback, err := sandboxtest.Consent(authorize, decision)
			if err != nil {
				t.Error(err)
				return
			}
			if meddle != nil {
				meddle(callback)
			}
			// A callback that is not ours (meddled) gets another page.
			if resp, err := http.Get(callback.String()); err == nil {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK && !strings.Contains(string(body), "you can close this tab") {
					t.Errorf("the callback page says %q", body)
				}
			}
		}()
		return nil
	}
}

func TestSignIn(t *testing.T) {
	w := newWorld(t)
	conf, pub := w.confidential.Client, w.public.Client
	secret := w.confidential.PlaintextClientSecret.Reveal()
	tests := []struct {
		name     string
		opts     Options
		decision string
		meddle   func(*url.URL)
		timeout  time.Duration
		kind     Kind
		code     string // the OAuth error, for KindOAuth
		ok       bool
	}{
		{"confidential, allowed", Options{Client: conf, Secret: secret}, "allow", nil, 0, 0, "", true},
		{"public, allowed", Options{Client: pub}, "allow", nil, 0, 0, "", true},
		{"denied", Options{Client: conf, Secret: secret}, "deny", nil, 0, KindOAuth, "access_denied", false},
		{"a wrong secret", Options{Client: conf, Secret: "not-the-secret"}, "allow", nil, 0, KindOAuth, "invalid_client", false},
		{"a callback with another state is ignored until the deadline", Options{Client: pub}, "allow", setQuery("state", "forged"), 300 * time.Millisecond, KindTimeout, "", false},
		{"a callback without iss", Options{Client: pub}, "allow", setQuery("iss", ""), 0, KindNoIssuer, "", false},
		{"a denial without iss", Options{Client: pub}, "deny", setQuery("iss", ""), 0, KindNoIssuer, "", false},
		{"a callback from another issuer", Options{Client: pub}, "allow", setQuery("iss", "https://api.example"), 0, KindWrongState, "", false},
		{"a denial from another issuer", Options{Client: pub}, "deny", setQuery("iss", "https://api.example"), 0, KindWrongState, "", false},
		{"an issuer with a trailing slash is another", Options{Client: pub}, "allow", func(u *url.URL) {
			q := u.Query()
			q.Set("iss", q.Get("iss")+"/")
			u.RawQuery = q.Encode()
		}, 0, KindWrongState, "", false},
		{"a code used already", Options{Client: pub}, "allow", func(u *url.URL) {
			// Someone redeems the code first, with a wrong verifier: it burns.
			http.PostForm(w.base+api.APIPrefix+api.TokenPath, url.Values{"grant_type": {"authorization_code"},
				"code": {u.Query().Get("code")}, "client_id": {pub.ClientID}, "code_verifier": {"x"}})
		}, 0, KindOAuth, "invalid_grant", false},
		{"the browser never comes back", Options{Client: pub, Open: func(string) error { return nil }}, "", nil, 50 * time.Millisecond, KindTimeout, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.BaseURL = w.base
			if tt.opts.Open == nil {
				tt.opts.Open = browser(t, tt.decision, tt.meddle)
			}
			flow, err := Start(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer flow.Close()
			if err := flow.Precheck(context.Background()); err != nil {
				t.Fatalf("precheck: %v", err)
			}
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			out, err := flow.Wait(context.Background(), timeout)
			if tt.ok {
				if err != nil || out.ExpiresIn != time.Hour || !out.Refresh || out.Status != 200 || !out.Revoked ||
					out.Checked != "GET /api/public/v1/decks/" || strings.Join(out.Scopes, " ") != "decks:read cards:read" {
					t.Errorf("outcome %+v, %v", out, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != tt.kind || e.Code != tt.code {
				t.Errorf("got %#v, want kind %d code %q", err, tt.kind, tt.code)
			}
		})
	}
}

// setQuery is a meddle that sets the callback's parameter name to value,
// or takes it out when value is "".
func setQuery(name, value string) func(*url.URL) {
	return func(u *url.URL) {
		q := u.Query()
		if value == "" {
			q.Del(name)
		} else {
			q.Set(name, value)
		}
		u.RawQuery = q.Encode()
	}
}

// TestPrecheck: what the browser would only show as an error page, or
// bounce back at once, is said before a browser opens.
func TestPrecheck(t *testing.T) {
	w := newWorld(t)
	stale := w.public.Client
	stale.RedirectURIs = []string{"http://127.0.0.1/elsewhere"}
	tests := []struct {
		name string
		opts Options
		kind Kind
		code string
	}{
		{"a redirect URI the server does not have", Options{Client: stale}, KindRedirectMismatch, ""},
		{"a scope the client may not ask", Options{Client: w.public.Client, Scopes: []string{"guides:write"}}, KindOAuth, "invalid_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.BaseURL = w.base
			flow, err := Start(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer flow.Close()
			var e *Error
			if err := flow.Precheck(context.Background()); !errors.As(err, &e) || e.Kind != tt.kind || e.Code != tt.code {
				t.Errorf("got %#v", err)
			}
		})
	}
}

func TestStartRefuses(t *testing.T) {
	noLoopback := api.OAuth2Client{ClientID: "c", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}
	noScopes := api.OAuth2Client{ClientID: "c", RedirectURIs: []string{"http://127.0.0.1/cb"}}
	for _, tt := range []struct {
		client api.OAuth2Client
		kind   Kind
	}{{noLoopback, KindNoLoopback}, {noScopes, KindNoScopes}} {
		var e *Error
		if _, err := Start(Options{Client: tt.client}); !errors.As(err, &e) || e.Kind != tt.kind {
			t.Errorf("%+v: got %v", tt.client, err)
		}
	}
	// A port that is taken.
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := api.OAuth2Client{ClientID: "c", RedirectURIs: []string{"http://" + ln.Addr().String() + "/cb"}, AllowedScopes: []string{"decks:read"}}
	var e *Error
	if _, err := Start(Options{Client: taken}); !errors.As(err, &e) || e.Kind != KindPortTaken {
		t.Errorf("taken port: %v", err)
	}
}
