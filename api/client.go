package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/flexslot/flexslot-register/validate"
)

// DefaultBaseURL is the flexslot API; every path lives under APIPrefix.
const DefaultBaseURL = "https://api.flexslot.gg"

// APIPrefix is the path of the public API's version 1 below the base URL.
const APIPrefix = "/api/public/v1"

// ClientsPath is the collection of the caller's OAuth2 clients, below APIPrefix.
const ClientsPath = "/me/partner/oauth2-clients"

// PartnerPath is the caller's partner account, below APIPrefix.
const PartnerPath = "/me/partner"

// ScopeRequestsPath is where a partner asks for scopes it lacks, below APIPrefix.
const ScopeRequestsPath = "/me/partner/scope-requests"

// Operations, as Error.Op names them.
const (
	OpCreate        = "create client"
	OpRotate        = "rotate secret"
	OpList          = "list clients"
	OpGetPartner    = "get partner"
	OpCheckToken    = "check token"
	OpRequestScopes = "request scopes"
)

// RotateSecretPath is the path that rotates a client's secret.
func RotateSecretPath(clientID string) string {
	return ClientsPath + "/" + url.PathEscape(clientID) + "/rotate-secret"
}

// DefaultTimeout bounds one request when the caller's context sets no earlier
// deadline.
const DefaultTimeout = 30 * time.Second

// errRequestTimeout is the cause of a context ended by the Client's own timeout,
// to tell it from the caller's deadline.
var errRequestTimeout = errors.New("request timeout")

// maxRetryAfter caps a Retry-After, so a broken header cannot make the UI wait
// for years.
const maxRetryAfter = 24 * time.Hour

// DefaultMaxBodyBytes caps how much of an answer is read; the largest legitimate
// answer (a list of clients) is far below it.
const DefaultMaxBodyBytes = 1 << 20

// Client calls the flexslot partner API with a personal access token. It never
// retries a request by itself: a retried create could register two clients, so
// retrying is the user's decision. Printing a Client never shows the token.
type Client struct {
	base *url.URL
	// token is behind a function so that even a reflective print of a value
	// holding a Client (fmt cannot call methods on unexported fields) shows an
	// address, never the token.
	token     func() string
	http      *http.Client
	timeout   time.Duration
	maxBody   int64
	userAgent string
}

// Option changes how a Client is built.
type Option func(*Client)

// WithHTTPClient makes the Client send through hc, e.g. one that trusts a test
// certificate. Redirects are never followed, whatever hc says.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) {
		copied := *hc
		c.http = &copied
	}
}

// WithTimeout bounds each request (DefaultTimeout otherwise); 0 or less leaves
// only the caller's context.
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithMaxBodyBytes caps the bytes read from one answer (DefaultMaxBodyBytes
// otherwise).
func WithMaxBodyBytes(n int64) Option { return func(c *Client) { c.maxBody = n } }

// WithVersion sets the version named in the User-Agent header.
func WithVersion(version string) Option {
	return func(c *Client) { c.userAgent = userAgent(version) }
}

func userAgent(version string) string {
	return "github.com/flexslot/flexslot-register/" + version + " (+go)"
}

// New returns a Client for the API at baseURL (DefaultBaseURL when empty). It
// refuses a token of the wrong shape, and a plain-http base URL unless its host is
// loopback: the token must never travel in clear text.
func New(baseURL, token string, opts ...Option) (*Client, error) {
	if err := validate.Token(token); err != nil {
		return nil, err
	}
	base, err := ParseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:      base,
		token:     func() string { return token },
		http:      &http.Client{},
		timeout:   DefaultTimeout,
		maxBody:   DefaultMaxBodyBytes,
		userAgent: userAgent("dev"),
	}
	for _, opt := range opts {
		opt(c)
	}
	c.http.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c, nil
}

// ParseBaseURL checks an API base URL: https, or http on a loopback host (the
// sandbox), no user name, query or fragment. An empty string means
// DefaultBaseURL. A trailing slash is dropped.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("API URL %q: use an absolute https:// URL such as %s", redactURL(raw), DefaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("API URL %q: remove the user name or password; the token is sent in a header", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("API URL %q: remove the query or fragment", u.Redacted())
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("API URL %q: refusing plain http, which would send the token in clear text; use https (http is allowed only on localhost)", u.String())
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// redactURL hides what looks like a password in a URL that did not parse.
func redactURL(raw string) string {
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		if scheme := strings.Index(raw, "://"); scheme >= 0 && scheme < at {
			return raw[:scheme+3] + "…@" + raw[at+1:]
		}
	}
	return raw
}

// IsLoopback reports whether host is localhost or a loopback address
// (127.0.0.0/8, ::1): where plain http cannot leave the machine.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// BaseURL returns the API base URL the client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

// String describes the client without its token.
func (c Client) String() string {
	return fmt.Sprintf("api.Client{base: %s, token: %s}", c.base, redacted)
}

// GoString describes the client without its token, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints the client without its token for every fmt verb, so no log line
// or error wrapping can leak it.
func (c Client) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// CreateOAuth2Client registers a client (POST /me/partner/oauth2-clients). The
// answer holds the client secret, which the server shows only this once. When it
// fails with MayHaveCreated(err), the client may exist all the same.
func (c *Client) CreateOAuth2Client(ctx context.Context, req CreateClientRequest) (*CreateClientResponse, error) {
	return c.secretCall(ctx, OpCreate, ClientsPath, req, http.StatusCreated)
}

// RotateSecret issues a new secret for a confidential client
// (POST /me/partner/oauth2-clients/{client_id}/rotate-secret); the old one stops
// working.
func (c *Client) RotateSecret(ctx context.Context, clientID string) (*CreateClientResponse, error) {
	return c.secretCall(ctx, OpRotate, RotateSecretPath(clientID), nil, http.StatusOK)
}

func (c *Client) secretCall(ctx context.Context, op, path string, body any, want int) (*CreateClientResponse, error) {
	var out CreateClientResponse
	if err := c.do(ctx, op, http.MethodPost, path, body, want, &out); err != nil {
		return nil, err
	}
	if out.Client.ClientID == "" {
		return nil, &Error{Op: op, StatusCode: want, MayHaveCreated: true,
			Message: "the server's answer has no client_id"}
	}
	return &out, nil
}

// ListOAuth2Clients returns the partner's clients (GET /me/partner/oauth2-clients),
// for instance to check whether a create whose answer was lost took effect.
func (c *Client) ListOAuth2Clients(ctx context.Context) ([]OAuth2Client, error) {
	var out []OAuth2Client
	err := c.do(ctx, OpList, http.MethodGet, ClientsPath, nil, http.StatusOK, &out)
	return out, err
}

// GetPartner returns the caller's partner account (GET /me/partner): the
// pre-flight check that the account may register clients.
func (c *Client) GetPartner(ctx context.Context) (*Partner, error) {
	var out Partner
	if err := c.do(ctx, OpGetPartner, http.MethodGet, PartnerPath, nil, http.StatusOK, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RequestScopes asks for scopes or game scopes the partner account lacks
// (POST /me/partner/scope-requests); the answer (202) says what became of the
// request. When it fails with MayHaveCreated(err), the request may have been
// received all the same.
func (c *Client) RequestScopes(ctx context.Context, req ScopeRequest) (*ScopeRequestAnswer, error) {
	var out ScopeRequestAnswer
	if err := c.do(ctx, OpRequestScopes, http.MethodPost, ScopeRequestsPath, req, http.StatusAccepted, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetAccessToken returns the metadata of the token in use (GET /me/access-tokens/):
// the pre-flight check that the token works, before any question is asked.
func (c *Client) GetAccessToken(ctx context.Context) (*AccessToken, error) {
	var out AccessToken
	if err := c.do(ctx, OpCheckToken, http.MethodGet, "/me/access-tokens/", nil, http.StatusOK, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// do sends one request and decodes a `want` answer into out. Any other outcome
// is an *Error. A POST (every POST here creates or rotates) that may have reached
// the server without a usable answer is marked MayHaveCreated.
func (c *Client) do(ctx context.Context, op, method, path string, body any, want int, out any) error {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, c.timeout, errRequestTimeout)
		defer cancel()
	}
	var payload io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return &Error{Op: op, Message: "could not encode the request", Err: err}
		}
		payload = bytes.NewReader(data)
	}
	var wrote atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	})
	req, err := http.NewRequestWithContext(ctx, method, c.base.String()+APIPrefix+path, payload)
	if err != nil {
		return &Error{Op: op, Message: "could not build the request", Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+c.token())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	creates := method == http.MethodPost

	resp, err := c.http.Do(req)
	if err != nil {
		return c.transportError(ctx, op, err, creates && wrote.Load())
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		e := c.transportError(ctx, op, err, creates)
		e.Message = "the connection broke while reading the answer (" + statusText(resp.StatusCode) + "): " + e.Message
		return e
	}
	// An answer that echoes the token (in a message, a field name, a 201's
	// values) loses it here, before anything is parsed, cut or shown.
	data = []byte(c.scrub(string(data)))
	if int64(len(data)) > c.maxBody {
		return &Error{Op: op, StatusCode: resp.StatusCode, MayHaveCreated: creates && resp.StatusCode == want,
			Message: fmt.Sprintf("the server's answer is larger than %d KiB; stopped reading it", c.maxBody>>10)}
	}
	if resp.StatusCode != want {
		return c.statusError(op, resp, data, creates)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &Error{Op: op, StatusCode: resp.StatusCode, MayHaveCreated: creates,
			Message: "could not read the server's answer: " + c.scrub(err.Error()), Err: err}
	}
	return nil
}

// statusError turns an unexpected answer into an *Error with the server's own
// words where it sent some.
func (c *Client) statusError(op string, resp *http.Response, data []byte, creates bool) *Error {
	parsed := parseErrorBody(resp.Header.Get("Content-Type"), data)
	e := &Error{
		Op:         op,
		StatusCode: resp.StatusCode,
		Code:       c.scrub(parsed.code),
		Message:    c.scrub(parsed.message),
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
		// A gateway error or a crash may come after the create was committed.
		MayHaveCreated: creates && resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable,
	}
	for _, fe := range parsed.fields {
		fe.Message = c.scrub(fe.Message)
		e.Fields = append(e.Fields, fe)
	}
	if e.Message == "" && len(e.Fields) > 0 {
		e.Message = summarize(e.Fields)
	}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400:
		e.Message = fmt.Sprintf("the server redirected to %q (%s); check the API URL", cleanMessage(c.scrub(resp.Header.Get("Location"))), statusText(resp.StatusCode))
	case e.Message == "":
		e.Message = "the server answered " + statusText(resp.StatusCode)
	default:
		e.Message += " (" + statusText(resp.StatusCode) + ")"
	}
	return e
}

// scrub removes the token from text that came from elsewhere (a server message
// that echoed it, say), so that it cannot reach the screen or a log.
func (c *Client) scrub(text string) string {
	token := c.token()
	if token == "" {
		return text
	}
	return strings.ReplaceAll(text, token, redacted)
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date. It
// returns 0 when the header is missing, malformed, or in the past, and caps the
// wait at maxRetryAfter.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	var wait time.Duration
	seconds, err := strconv.ParseUint(value, 10, 64)
	if err == nil || errors.Is(err, strconv.ErrRange) {
		wait = maxRetryAfter
		if err == nil && seconds < uint64(maxRetryAfter/time.Second) {
			wait = time.Duration(seconds) * time.Second
		}
	} else if at, err := http.ParseTime(value); err == nil && at.After(now) {
		wait = min(at.Sub(now).Round(time.Second), maxRetryAfter)
	}
	return wait
}
