// Package signin proves that a registered client works: it runs the
// authorization code flow with PKCE through the user's browser and a loopback
// listener, exchanges the code, calls one read endpoint with the access token,
// and revokes the tokens. It reports what happened, never the tokens.
package signin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// DefaultTimeout is how long the flow waits for the browser to come back.
const DefaultTimeout = 5 * time.Minute

// Options is a test sign-in.
type Options struct {
	// BaseURL is the API (its issuer); api.DefaultBaseURL when empty.
	BaseURL string
	// Client is the client to sign in with.
	Client api.OAuth2Client
	// Secret is a confidential client's secret.
	Secret string
	// Scopes to ask; the client's allowed scopes when empty.
	Scopes []string
	// Open opens the authorize URL in a browser; Browser when nil.
	Open func(url string) error
	// HTTP sends the requests; a client with a timeout when nil.
	HTTP *http.Client
	// DPoP signs a DPoP proof for each request with a key made for the run
	// and expects tokens bound to it (RFC 9449), for a client that is not
	// DPoP-bound too; a DPoP-bound client (Client.DPoPBoundAccessTokens)
	// always does.
	DPoP bool
}

// Outcome is what the sign-in proved.
type Outcome struct {
	// ExpiresIn is the access token's lifetime.
	ExpiresIn time.Duration
	// Refresh reports that a refresh token came too.
	Refresh bool
	// Scopes are the scopes granted.
	Scopes []string
	// Checked is the read call made with the access token ("GET /decks/"),
	// "" when no read endpoint fits the scopes; Status its answer.
	Checked string
	Status  int
	// Revoked reports that both tokens were revoked.
	Revoked bool
	// DPoPThumbprint is the cnf.jkt of a DPoP-bound access token: the
	// RFC 7638 thumbprint of the run's key, which the server bound it to;
	// "" for a bearer token.
	DPoPThumbprint string
}

// Kind is what went wrong, for the words (domain/advice).
type Kind int

// Kinds of failure.
const (
	// KindOAuth is an error the server answered (Error.Code).
	KindOAuth Kind = iota
	// KindRedirectMismatch is an unknown client or a redirect URI that does
	// not match: the server shows an error page instead of redirecting.
	KindRedirectMismatch
	// KindNoLoopback is a client without a loopback redirect URI.
	KindNoLoopback
	// KindNoScopes is a client without scopes: nothing to ask.
	KindNoScopes
	// KindPortTaken is a listener that could not be opened.
	KindPortTaken
	// KindTimeout is a browser that did not come back in time.
	KindTimeout
	// KindWrongState is a callback with our state that names another
	// issuer (iss) than the API: a mix-up (RFC 9207). A callback with
	// another state or none is ignored, never this.
	KindWrongState
	// KindCancelled is the user cancelling.
	KindCancelled
	// KindNetwork is a failed request.
	KindNetwork
	// KindNoIssuer is a callback with our state that names no issuer (iss),
	// which the API always sends (RFC 9207): it is refused, as a wrong one is.
	KindNoIssuer
	// KindNotBound is a sign-in with DPoP proofs that the server answered
	// with a bearer token (token_type Bearer): the token is not bound to the
	// key, as a DPoP-bound client's must be (RFC 9449 §5).
	KindNotBound
	// KindOtherKey is a DPoP token whose cnf.jkt, in the token answer,
	// names another key than the run's.
	KindOtherKey
)

// Error is a sign-in that did not complete.
type Error struct {
	Kind Kind
	// Code and Description are the server's RFC 6749 error, for KindOAuth.
	Code, Description string
	// Step names where it failed: "authorize", "token", "call", "revoke".
	Step string
	Err  error
	// Thumbprint is the cnf.jkt the server named, for KindOtherKey.
	Thumbprint string
}

func (e *Error) Error() string {
	switch {
	case e.Code != "":
		return fmt.Sprintf("%s: %s (%s)", e.Step, validate.Sanitize(e.Code), validate.Sanitize(e.Description))
	case e.Err != nil:
		return e.Step + ": " + e.Err.Error()
	}
	return e.Step + " failed"
}

func (e *Error) Unwrap() error { return e.Err }

// LoopbackRedirect returns the first of the client's redirect URIs that a
// listener here can receive: http on 127.0.0.1, [::1] or localhost.
func LoopbackRedirect(c api.OAuth2Client) (string, bool) {
	for _, raw := range c.RedirectURIs {
		u, err := url.Parse(raw)
		if err == nil && u.Scheme == "http" && validate.IsLoopbackHost(u.Hostname()) {
			return raw, true
		}
	}
	return "", false
}

// Flow is a sign-in under way: its listener is open and its URL known.
type Flow struct {
	opts        Options
	base        string
	redirectURI string
	// callbackPath is the redirect URI's escaped path ("/" when it has
	// none), the only one the listener answers.
	callbackPath string
	verifier     string
	state        string
	scopes       []string
	listener     net.Listener
	server       *http.Server
	callbacks    chan callback
	url          string
	// prover signs DPoP proofs, nil for a bearer sign-in.
	prover *prover
}

// Start opens the listener on the client's loopback redirect URI (on a free
// port when a 127.0.0.1 or [::1] URI names none) and builds the authorize
// URL. Close it when done.
func Start(opts Options) (*Flow, error) {
	f := &Flow{opts: opts, base: strings.TrimSuffix(opts.BaseURL, "/"), callbacks: make(chan callback, 1)}
	if f.base == "" {
		f.base = api.DefaultBaseURL
	}
	if f.opts.HTTP == nil {
		f.opts.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if opts.DPoP || opts.Client.DPoPBoundAccessTokens {
		p, err := newProver()
		if err != nil {
			return nil, fmt.Errorf("making a DPoP key: %w", err)
		}
		f.prover = p
	}
	f.scopes = opts.Scopes
	if len(f.scopes) == 0 {
		f.scopes = opts.Client.AllowedScopes
	}
	if len(f.scopes) == 0 {
		return nil, &Error{Kind: KindNoScopes, Step: "authorize"}
	}
	raw, ok := LoopbackRedirect(opts.Client)
	if !ok {
		return nil, &Error{Kind: KindNoLoopback, Step: "authorize"}
	}
	u, _ := url.Parse(raw)
	port := u.Port()
	if port == "" && u.Hostname() != "localhost" {
		port = "0" // RFC 8252 §7.3: the port may differ for 127.0.0.1 and [::1]
	} else if port == "" {
		port = "80"
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		return nil, &Error{Kind: KindPortTaken, Step: "listen", Err: err}
	}
	f.listener = ln
	f.redirectURI = raw
	if u.Port() == "" && port == "0" {
		f.redirectURI = withPort(raw, u, ln.Addr().(*net.TCPAddr).Port)
	}
	f.callbackPath = u.EscapedPath()
	if f.callbackPath == "" {
		f.callbackPath = "/"
	}
	f.verifier, f.state = random(32), random(16)
	challenge := sha256.Sum256([]byte(f.verifier))
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {opts.Client.ClientID},
		"redirect_uri":          {f.redirectURI},
		"scope":                 {strings.Join(f.scopes, " ")},
		"state":                 {f.state},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(challenge[:])},
		"code_challenge_method": {"S256"},
	}
	f.url = f.base + api.APIPrefix + api.AuthorizePath + "?" + q.Encode()
	f.server = &http.Server{Handler: http.HandlerFunc(f.serveCallback), ReadHeaderTimeout: 10 * time.Second}
	go f.server.Serve(ln)
	return f, nil
}

// withPort is the redirect URI raw with port after its host and nothing
// else changed: the server matches the rest byte for byte, and url.URL's
// String would escape what the registered URI did not (/cb/{x} as
// /cb/%7Bx%7D).
func withPort(raw string, u *url.URL, port int) string {
	host := net.JoinHostPort(u.Hostname(), strconv.Itoa(port))
	at := len(u.Scheme) + len("://")
	if len(raw) < at || !strings.HasPrefix(raw[at:], u.Host) {
		u.Host = host
		return u.String()
	}
	return raw[:at] + host + raw[at+len(u.Host):]
}

// URL is the authorize URL, to open in a browser (or by hand).
func (f *Flow) URL() string { return f.url }

// Close stops the listener.
func (f *Flow) Close() { f.server.Close() }

// Precheck asks /authorize itself, without following its answer, so that
// what the browser would only show as an error page (an unknown client, a
// redirect URI that does not match) or bounce back at once (invalid_scope…)
// is said before a browser opens.
func (f *Flow) Precheck(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.url, nil)
	noFollow := *f.opts.HTTP
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.Do(req)
	if err != nil {
		return &Error{Kind: KindNetwork, Step: "authorize", Err: err}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	switch {
	case resp.StatusCode == http.StatusBadRequest:
		return &Error{Kind: KindRedirectMismatch, Step: "authorize"}
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err == nil && strings.HasPrefix(loc.String(), f.redirectURI) && loc.Query().Get("error") != "" {
			return &Error{Kind: KindOAuth, Step: "authorize", Code: loc.Query().Get("error"), Description: loc.Query().Get("error_description")}
		}
	}
	return nil
}

// Wait opens the browser, waits for the callback with our state (until ctx
// ends or the timeout; a request with another state is answered and
// ignored), checks its iss, exchanges the code, calls a read endpoint and
// revokes the tokens.
func (f *Flow) Wait(ctx context.Context, timeout time.Duration) (Outcome, error) {
	open := f.opts.Open
	if open == nil {
		open = Browser
	}
	// A browser that cannot be opened is no failure: the URL is shown, to
	// open by hand (over SSH there is none).
	_ = open(f.url)
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var cb callback
	select {
	case cb = <-f.callbacks:
	case <-timer.C:
		return Outcome{}, &Error{Kind: KindTimeout, Step: "authorize"}
	case <-ctx.Done():
		return Outcome{}, &Error{Kind: KindCancelled, Step: "authorize", Err: ctx.Err()}
	}
	if cb.err != nil {
		return Outcome{}, cb.err
	}
	return f.finish(ctx, cb.code)
}

// random is n random bytes, base64url: 32 bytes make a 43-character PKCE
// verifier.
func random(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
