package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flexslot/flexslot-register/api"
)

// Fixed values for snapshots: clearly fake, never a real secret.
const (
	exampleClientID = "cli_01EXAMPLE0CL1ENT0000000000"
	exampleSecret   = "EXAMPLE-not-a-real-secret-0123456789abcdef"
	exampleToken    = "flx_pat_EXAMPLE_TOKEN"
)

// TestMain pins the local time zone: screens show times in it.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

// testNow is the pinned clock of every snapshot.
var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

var stillSpinner = spinner.Spinner{Frames: []string{"•"}, FPS: time.Hour}

// stubAPI answers like the API with fixed values; errors are set per call. It
// stands in for the network only in snapshot tests: flow tests use the sandbox
// over loopback HTTP.
type stubAPI struct {
	mu   sync.Mutex
	base string // BaseURL answers it; "" is the default API
	// scopeRequests are the scope requests received.
	scopeRequests []api.ScopeRequest
	tokenErr      error
	partnerErr    error
	partner       api.Partner
	createErrs    []error // answered in turn; then success
	clients       []api.OAuth2Client
	listErr       error
	created       []api.CreateClientRequest
	block         chan struct{} // when set, create waits for it or the context
}

func newStubAPI() *stubAPI {
	return &stubAPI{partner: api.Partner{ID: "7", Name: "Acme Decks", Status: api.StatusActive, RateLimitTier: "standard"}}
}

// BaseURL is base, or the default API's address.
func (s *stubAPI) BaseURL() string {
	if s.base != "" {
		return s.base
	}
	return "https://api.flexslot.gg"
}

func (s *stubAPI) GetAccessToken(context.Context) (*api.AccessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokenErr != nil {
		return nil, s.tokenErr
	}
	return &api.AccessToken{ID: "1", Name: "laptop", TokenPrefix: "flx_pat_EXAM"}, nil
}

func (s *stubAPI) GetPartner(context.Context) (*api.Partner, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.partnerErr != nil {
		return nil, s.partnerErr
	}
	p := s.partner
	return &p, nil
}

func (s *stubAPI) CreateOAuth2Client(ctx context.Context, req api.CreateClientRequest) (*api.CreateClientResponse, error) {
	s.mu.Lock()
	s.created = append(s.created, req)
	block := s.block
	var err error
	if len(s.createErrs) > 0 {
		err, s.createErrs = s.createErrs[0], s.createErrs[1:]
	}
	s.mu.Unlock()
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
			ID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", ClientID: exampleClientID, ClientType: req.ClientType,
			Status: api.StatusActive, ApplicationName: req.ApplicationName, RedirectURIs: req.RedirectURIs,
			AllowedScopes: req.AllowedScopes, GrantTypes: req.GrantTypes, RequirePKCE: true,
			CreatedAt: testNow, UpdatedAt: testNow,
		},
	}
	if req.ClientType == "confidential" {
		resp.PlaintextClientSecret = exampleSecret
	}
	return resp, nil
}

func (s *stubAPI) ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.clients), s.listErr
}

func (s *stubAPI) RotateSecret(_ context.Context, clientID string) (*api.CreateClientResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.clients {
		if c.ClientID == clientID {
			return &api.CreateClientResponse{Client: c, PlaintextClientSecret: exampleSecret}, nil
		}
	}
	return nil, &api.Error{Op: api.OpRotate, StatusCode: 404, Message: "Not found. (404 Not Found)"}
}

// RequestScopes accepts every scope request, kept in scopeRequests.
func (s *stubAPI) RequestScopes(_ context.Context, req api.ScopeRequest) (*api.ScopeRequestAnswer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scopeRequests = append(s.scopeRequests, req)
	return &api.ScopeRequestAnswer{ID: "3c90c3cc-0d44-4b50-8888-8dd25736052a", Status: "pending", Message: "We review requests within two working days."}, nil
}

// fakeClipboard is a clipboard that remembers; it can be made to fail.
type fakeClipboard struct {
	mu      sync.Mutex
	content string
	writes  []string
	fail    error
	// readBack, when set, is what reading the clipboard gives instead of
	// what was written: a clipboard that drops what it is sent.
	readBack string
	// hang makes every call block until the channel closes.
	hang chan struct{}
}

func (c *fakeClipboard) WriteAll(text string) error {
	if c.hang != nil {
		<-c.hang
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail != nil {
		return c.fail
	}
	c.content = text
	c.writes = append(c.writes, text)
	return nil
}

func (c *fakeClipboard) ReadAll() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.readBack != "" {
		return c.readBack, c.fail
	}
	return c.content, c.fail
}

func (c *fakeClipboard) get() (string, []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.content, append([]string(nil), c.writes...)
}

// driver runs the wizard in teatest and waits on what it draws.
type driver struct {
	t   *testing.T
	tm  *teatest.TestModel
	m   *Model
	rec *recorder
}

// start runs the wizard in teatest at 80x24 with a pinned colour profile and
// environment, so snapshots do not depend on the machine.
func start(t *testing.T, cfg Config) *driver {
	t.Helper()
	return startSized(t, cfg, 80, 24)
}

// startSized is start in a window of width x height.
func startSized(t *testing.T, cfg Config, width, height int) *driver {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testNow }
	}
	if len(cfg.Spinner.Frames) == 0 {
		cfg.Spinner = stillSpinner
	}
	m := New(cfg)
	rec := &recorder{Model: m}
	tm := teatest.NewTestModel(t, rec,
		teatest.WithInitialTermSize(width, height),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		))
	return &driver{t: t, tm: tm, m: m, rec: rec}
}

// recorder is the wizard as teatest runs it, keeping the last frame drawn:
// tests wait on it, since the output stream only carries changed cells.
type recorder struct {
	*Model
	frame atomic.Pointer[string]
	// every frame drawn, raw, for tests that check them all
	mu     sync.Mutex
	frames []string
}

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.Model.Update(msg)
	return r, cmd
}

func (r *recorder) View() tea.View {
	v := r.Model.View()
	content := v.Content
	r.frame.Store(&content)
	r.mu.Lock()
	r.frames = append(r.frames, content)
	r.mu.Unlock()
	return v
}

// stubConfig is a Config on a stub API with a token already given.
func stubConfig(stub *stubAPI) Config {
	return Config{
		Token:   exampleToken,
		Connect: func(string) (API, error) { return stub, nil },
	}
}

// screen is the last frame drawn, without colours.
func (d *driver) screen() string {
	if f := d.rec.frame.Load(); f != nil {
		return ansi.Strip(*f)
	}
	return ""
}

// wait waits until the frame on screen shows want, wherever the window
// wrapped it. It reads the last frame the model drew, not the output stream,
// which only carries changed cells.
func (d *driver) wait(want string) {
	d.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(folded(d.screen()), folded(want)) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	d.t.Fatalf("waited 5s for %q; the screen shows:\n%s", want, d.screen())
}

// folded turns every run of white space, line ends included, into one space.
// It keeps the form's left border (┃), which marks the focused field.
func folded(s string) string { return strings.Join(strings.Fields(s), " ") }

// squashed is s without white space or the form's border, to find text that
// a narrow window wrapped anywhere, inside a word too (a long URL).
func squashed(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "┃", " ")), "")
}

// send sends a key and waits for what it makes appear. huh moves focus in a
// command, so typing on without waiting would race with it.
func (d *driver) send(k tea.KeyPressMsg, want string) {
	d.t.Helper()
	d.tm.Send(k)
	d.wait(want)
}

// typ types text and waits until it shows.
func (d *driver) typ(text string) {
	d.t.Helper()
	d.tm.Type(text)
	d.wait(lastRunes(text, 12))
}

// key sends one printable key.
func (d *driver) key(r rune) { d.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)}) }

// final quits and returns the last frame without colours.
func (d *driver) final() string {
	d.t.Helper()
	if err := d.tm.Quit(); err != nil {
		d.t.Fatal(err)
	}
	return ansi.Strip(d.tm.FinalModel(d.t, teatest.WithFinalTimeout(5*time.Second)).View().Content)
}

// teatestGolden compares a frame with testdata/<test name>.golden (-update
// rewrites it).
func teatestGolden(t *testing.T, view string) {
	t.Helper()
	teatest.RequireEqualOutput(t, []byte(view))
}

// ended waits for the wizard to quit by itself and returns its result.
func (d *driver) ended() Result {
	d.t.Helper()
	d.tm.WaitFinished(d.t, teatest.WithFinalTimeout(5*time.Second))
	return d.m.Result()
}

// Keys as tea sends them.
var (
	keyTab   = tea.KeyPressMsg{Code: tea.KeyTab}
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keySpace = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyCtrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	keyCtrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	keyC     = tea.KeyPressMsg{Code: 'c', Text: "c"}
	keyI     = tea.KeyPressMsg{Code: 'i', Text: "i"}
	keyP     = tea.KeyPressMsg{Code: 'p', Text: "p"}
	keyS     = tea.KeyPressMsg{Code: 's', Text: "s"}
	keyY     = tea.KeyPressMsg{Code: 'y', Text: "y"}
	keyN     = tea.KeyPressMsg{Code: 'n', Text: "n"}
	keyR     = tea.KeyPressMsg{Code: 'r', Text: "r"}
	keyE     = tea.KeyPressMsg{Code: 'e', Text: "e"}
	keyQ     = tea.KeyPressMsg{Code: 'q', Text: "q"}
	keyT     = tea.KeyPressMsg{Code: 't', Text: "t"}
)

// fillForm answers the four pages: name, type, the redirect URIs one per line,
// decks:read, and no links; it ends on the review.
func (d *driver) fillForm(name string, public bool, uris ...string) {
	d.t.Helper()
	d.wait("Application name")
	d.typ(name)
	d.send(keyEnter, "┃ Client type")
	if public {
		d.send(keyDown, "> Public")
	}
	d.send(keyEnter, "Redirect URIs · 2 of 4")
	for i, uri := range uris {
		d.typ(uri)
		if i < len(uris)-1 {
			d.tm.Send(keyEnter) // our field handles it at once: no focus move to wait for
		}
	}
	d.send(keyTab, "Access · 3 of 4")
	d.send(keyDown, "> • decks:read")
	d.send(keySpace, "> ✓ decks:read")
	d.send(keyEnter, "┃ Grant types")
	d.send(keyEnter, "Links · 4 of 4")
	d.send(keyEnter, "┃ Logo URL")
	d.send(keyEnter, "┃ Privacy policy URL")
	d.send(keyEnter, "┃ Terms of service URL")
	d.send(keyEnter, "Review")
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

var errBoom = errors.New("boom")

// quietLog drops a test server's log lines (expected TLS handshake errors).
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

func TestTokenNeverPrinted(t *testing.T) {
	const token = "flx_pat_NeverPrintMe"
	cfg := Config{Token: token}
	m := New(cfg)
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, value := range []any{cfg, &cfg, m, []any{cfg, m}} {
			if out := fmt.Sprintf(format, value); strings.Contains(out, "NeverPrintMe") {
				t.Errorf("%s of %T leaks the token: %s", format, value, out)
			}
		}
	}
}
