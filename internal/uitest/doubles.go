package uitest

// Test doubles and fixtures shared by the tests of the interactive front ends
// (ui and frontend/lines): a stub API for snapshots, a clipboard that
// remembers, a sandbox over loopback HTTP, a complete request, and a played
// browser for the sandbox's consent page.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
	"github.com/flexslot/flexslot-register/flow"
)

// Now is the pinned clock of every snapshot.
var Now = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// Fixed values for snapshots: clearly fake, never a real secret.
const (
	ExampleClientID = "cli_01EXAMPLE0CL1ENT0000000000"
	ExampleSecret   = "EXAMPLE-not-a-real-secret-0123456789abcdef"
	ExampleToken    = "flx_pat_EXAMPLE_TOKEN"
)

// StubAPI answers like the API with fixed values; errors are set per call. It
// stands in for the network only in snapshot tests: flow tests use the sandbox
// over loopback HTTP.
type StubAPI struct {
	Mu   sync.Mutex
	Base string // BaseURL answers it; "" is the default API
	// ScopeRequests are the scope requests received.
	ScopeRequests []api.ScopeRequest
	TokenErr      error
	PartnerErr    error
	Partner       api.Partner
	CreateErrs    []error // answered in turn; then success
	Clients       []api.OAuth2Client
	ListErr       error
	Created       []api.CreateClientRequest
	Block         chan struct{} // when set, create waits for it or the context
}

func NewStubAPI() *StubAPI {
	return &StubAPI{Partner: api.Partner{ID: "7", Name: "Acme Decks", Status: api.StatusActive, RateLimitTier: "standard"}}
}

// BaseURL is base, or the default API's address.
func (s *StubAPI) BaseURL() string {
	if s.Base != "" {
		return s.Base
	}
	return "https://api.flexslot.gg"
}

func (s *StubAPI) GetAccessToken(context.Context) (*api.AccessToken, error) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	if s.TokenErr != nil {
		return nil, s.TokenErr
	}
	return &api.AccessToken{ID: "1", Name: "laptop", TokenPrefix: "flx_pat_EXAM"}, nil
}

func (s *StubAPI) GetPartner(context.Context) (*api.Partner, error) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	if s.PartnerErr != nil {
		return nil, s.PartnerErr
	}
	p := s.Partner
	return &p, nil
}

func (s *StubAPI) CreateOAuth2Client(ctx context.Context, req api.CreateClientRequest) (*api.CreateClientResponse, error) {
	s.Mu.Lock()
	s.Created = append(s.Created, req)
	block := s.Block
	var err error
	if len(s.CreateErrs) > 0 {
		err, s.CreateErrs = s.CreateErrs[0], s.CreateErrs[1:]
	}
	s.Mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, &api.Error{Op: "create client", Message: "cancelled", MayHaveCreated: true, Err: ctx.Err()}
		}
	}
	if err != nil {
		return nil, err
	}
	resp := &api.CreateClientResponse{
		Client: api.OAuth2Client{
			ID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", ClientID: ExampleClientID, ClientType: req.ClientType,
			Status: api.StatusActive, ApplicationName: req.ApplicationName, RedirectURIs: req.RedirectURIs,
			AllowedScopes: req.AllowedScopes, GrantTypes: req.GrantTypes, RequirePKCE: true,
			CreatedAt: Now, UpdatedAt: Now,
		},
	}
	if req.ClientType == "confidential" {
		resp.PlaintextClientSecret = ExampleSecret
	}
	return resp, nil
}

func (s *StubAPI) ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return slices.Clone(s.Clients), s.ListErr
}

func (s *StubAPI) RotateSecret(_ context.Context, clientID string) (*api.CreateClientResponse, error) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	for _, c := range s.Clients {
		if c.ClientID == clientID {
			return &api.CreateClientResponse{Client: c, PlaintextClientSecret: ExampleSecret}, nil
		}
	}
	return nil, &api.Error{Op: api.OpRotate, StatusCode: 404, Message: "Not found. (404 Not Found)"}
}

// RequestScopes accepts every scope request, kept in scopeRequests.
func (s *StubAPI) RequestScopes(_ context.Context, req api.ScopeRequest) (*api.ScopeRequestAnswer, error) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	s.ScopeRequests = append(s.ScopeRequests, req)
	return &api.ScopeRequestAnswer{ID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", Status: "pending", Message: "We review requests within two working days."}, nil
}

// FakeClipboard is a clipboard that remembers; it can be made to fail.
type FakeClipboard struct {
	Mu      sync.Mutex
	Content string
	Writes  []string
	Fail    error
	// ReadBack, when set, is what reading the clipboard gives instead of
	// what was written: a clipboard that drops what it is sent.
	ReadBack string
	// Hang makes every call block until the channel closes.
	Hang chan struct{}
}

func (c *FakeClipboard) WriteAll(text string) error {
	if c.Hang != nil {
		<-c.Hang
	}
	c.Mu.Lock()
	defer c.Mu.Unlock()
	if c.Fail != nil {
		return c.Fail
	}
	c.Content = text
	c.Writes = append(c.Writes, text)
	return nil
}

func (c *FakeClipboard) ReadAll() (string, error) {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	if c.ReadBack != "" {
		return c.ReadBack, c.Fail
	}
	return c.Content, c.Fail
}

func (c *FakeClipboard) Get() (string, []string) {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	return c.Content, append([]string(nil), c.Writes...)
}

// StubConfig is a Config on a stub API with a token already given.
func StubConfig(stub *StubAPI) flow.Config {
	return flow.Config{
		Token:   ExampleToken,
		Connect: func(string) (flow.API, error) { return stub, nil },
	}
}

// SandboxConfig serves a sandbox over loopback HTTP and returns a Config that
// reaches it with its token, through the real API client. wrap, when given,
// stands between the client and the sandbox.
func SandboxConfig(t *testing.T, wrap func(http.Handler) http.Handler, opts ...api.Option) (*sandbox.Server, flow.Config) {
	t.Helper()
	return serveSandbox(t, sandbox.Config{}, wrap, opts...)
}

// serveSandbox is SandboxConfig for a sandbox started with cfg; a SlowDelay
// left zero is 50 ms.
func serveSandbox(t *testing.T, cfg sandbox.Config, wrap func(http.Handler) http.Handler, opts ...api.Option) (*sandbox.Server, flow.Config) {
	t.Helper()
	if cfg.SlowDelay == 0 {
		cfg.SlowDelay = 50 * time.Millisecond
	}
	sb := sandbox.New(cfg)
	var handler http.Handler = sb
	if wrap != nil {
		handler = wrap(sb)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(func() {
		sb.Close()
		srv.Close()
	})
	return sb, flow.Config{
		Token: sb.Token(),
		Connect: func(token string) (flow.API, error) {
			return api.New(srv.URL, token, opts...)
		},
	}
}

// ExampleRequest is a complete registration, so a test can walk the form with
// enter alone.
func ExampleRequest(clientType string) api.CreateClientRequest {
	return api.CreateClientRequest{
		ApplicationName: "Deck Tracker",
		ClientType:      clientType,
		RedirectURIs:    []string{"https://decktracker.example/oauth/callback", "http://127.0.0.1:8765/callback"},
		AllowedScopes:   []string{"decks:read", "decks:write"},
		ApplicationURL:  "https://decktracker.example",
	}
}

// WithRequest is cfg with the request req.
func WithRequest(cfg flow.Config, req api.CreateClientRequest) flow.Config {
	cfg.Request = req
	return cfg
}

// ConsentBrowser plays the user's browser on the sandbox's consent page:
// it presses decision ("allow" or "deny") and follows the redirect.
func ConsentBrowser(t *testing.T, decision string) func(string) error {
	return func(authorize string) error {
		go func() {
			callback, err := sandboxtest.Consent(authorize, decision)
			if err != nil {
				t.Error(err)
				return
			}
			if resp, err := http.Get(callback.String()); err == nil {
				resp.Body.Close()
			}
		}()
		return nil
	}
}
