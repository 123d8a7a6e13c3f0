// Package ui is the interactive wizard: a token prompt and pre-flight check, a
// huh form of four pages, a review screen, the submission, and the one-time
// secret screen. Each screen is a small model of its own (token.go,
// preflight.go, form.go, review.go, submit.go, failure.go, result.go); the
// root Model holds what they share and routes between them (routes.go).
package ui

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/domain/secretfile"
)

// DefaultClipboardClear is how long a copied secret may stay in the system
// clipboard before the wizard clears it (if it still holds the secret).
const DefaultClipboardClear = 45 * time.Second

// DefaultSavePath is where the wizard offers to save the secret.
const DefaultSavePath = secretfile.DefaultPath

// API is what the wizard needs of the flexslot API; *api.Client has it.
type API interface {
	GetAccessToken(context.Context) (*api.AccessToken, error)
	GetPartner(context.Context) (*api.Partner, error)
	CreateOAuth2Client(context.Context, api.CreateClientRequest) (*api.CreateClientResponse, error)
	ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error)
	RotateSecret(ctx context.Context, clientID string) (*api.CreateClientResponse, error)
	RequestScopes(context.Context, api.ScopeRequest) (*api.ScopeRequestAnswer, error)
	BaseURL() string
}

// Mode is what the wizard is for.
type Mode int

// Modes.
const (
	// ModeRegister registers a client (the default).
	ModeRegister Mode = iota
	// ModeRotate gives a confidential client a new secret.
	ModeRotate
)

// Config wires the wizard to the world.
type Config struct {
	// Token is the personal access token (FLEXSLOT_TOKEN); the wizard asks for
	// one when it is empty, or when the server refuses it.
	Token string
	// Connect makes an API client for a token.
	Connect func(token string) (API, error)
	// Request holds the initial values of the form.
	Request api.CreateClientRequest
	// Clipboard is the system clipboard; nil means there is none.
	Clipboard Clipboard
	// OSC52 allows copying through the terminal (OSC 52) when the system
	// clipboard fails.
	OSC52 bool
	// ClipboardClear is DefaultClipboardClear when 0.
	ClipboardClear time.Duration
	// SavePath is DefaultSavePath when empty.
	SavePath string
	// DraftPath is where the wizard offers to keep the answers of a
	// registration left before anything was sent; DefaultDraftPath when
	// empty.
	DraftPath string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Given names the request fields that flags or a manifest already gave:
	// pages that then ask for nothing missing are skipped (see asked).
	Given map[string]bool
	// SkipReview sends the request as soon as the form is done (--yes).
	SkipReview bool
	// Spinner is the spinner of the waits; spinner.MiniDot when it has no
	// frames.
	Spinner spinner.Spinner
	// BaseURL is the API the token is sent to; the header names it on every
	// screen when it is not api.DefaultBaseURL.
	BaseURL string
	// Mode is what the wizard does; ModeRegister when zero.
	Mode Mode
	// ClientID is the client whose secret ModeRotate rotates; "" lets the
	// user pick one.
	ClientID string
	// OpenBrowser opens a test sign-in's URL; signin.Browser when nil.
	OpenBrowser func(url string) error
	// CheckLinks is the go-live check (package golive) of the links and
	// redirect hosts, which the review runs and shows beside each field;
	// nil runs none.
	CheckLinks func(ctx context.Context, req api.CreateClientRequest) golive.Report
	// LinksSkipped says on the review why no go-live check runs
	// (--offline); "" says nothing.
	LinksSkipped string
}

// Format prints the configuration without its token, for every fmt verb.
func (c Config) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ui.Config{Token: %s, Request: %+v}", redactedToken(c.Token), c.Request)
}

// Format prints the wizard without its token or the secret, for every fmt
// verb: fmt cannot call methods on unexported fields, so a reflective print
// of the model would show them.
func (m *Model) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ui.Model{screen: %T, token: %s}", m.current, redactedToken(m.token))
}

// redactedToken stands for a token in printed values.
func redactedToken(token string) string {
	if token == "" {
		return `""`
	}
	return "[redacted]"
}

// Outcome is how the wizard ended, for main's exit code and summary.
type Outcome int

// Outcomes.
const (
	// OutcomeCancelled: the user left before anything was created (exit 130).
	OutcomeCancelled Outcome = iota
	// OutcomeRegistered: a client was created (exit 0).
	OutcomeRegistered
	// OutcomeFailed: it could not be done (exit 1).
	OutcomeFailed
)

// Result is what the wizard leaves behind.
type Result struct {
	Outcome Outcome
	// Created is the server's answer, secret included; nil unless registered.
	Created *api.CreateClientResponse
	// SavedTo is the file the secret was saved to, or "".
	SavedTo string
	// DraftSaved is the manifest the answers were kept in when the user
	// left before anything was sent, or "".
	DraftSaved string
	// Copied reports that the secret was copied to the system clipboard and
	// read back from it.
	Copied bool
	// SentOSC52 reports that the secret was sent to the terminal's clipboard
	// (OSC 52), which nothing confirms.
	SentOSC52 bool
	// ClipboardHoldsSecret reports that the system clipboard may still hold the
	// secret: its clear failed, or the program was stopped (a signal) before
	// it.
	ClipboardHoldsSecret bool
	// Err is why it failed, for OutcomeFailed.
	Err error
	// InFlight reports that the wizard was stopped (a signal) while a create
	// request was under way: the client may exist.
	InFlight bool
	// Rotated reports that Created is the answer to a rotation of an
	// existing client's secret, not a create.
	Rotated bool
}

// screen is one screen of the wizard: its own state, the messages it handles
// and how it looks. A screen asks the root Model to move on (routes.go); it
// never makes another screen itself.
type screen interface {
	Update(tea.Msg) tea.Cmd
	View() string
}

// Model is the wizard: what the screens share, and the screen on show. It is
// used through a pointer: the huh forms it embeds write into its request,
// which must not move.
type Model struct {
	cfg        Config
	keys       keyMap
	help       help.Model
	lastHeader struct { // see framedHeader
		key  headerKey
		text string
	}
	styles styles
	isDark bool
	width  int
	height int

	req       *api.CreateClientRequest
	given     map[string]bool
	client    API
	token     string
	tokenMeta *api.AccessToken
	partner   *api.Partner

	current screen
	// backToReview sends the pre-flight back to the review: the token was
	// refused at submit, and the answers are complete; backToRotate, to the
	// confirmation of a rotation.
	backToReview bool
	backToRotate *api.OAuth2Client
	// refusal is what the server last refused, shown at the fields and on
	// the review until the user changes it.
	refusal refusal
	// ticking is set while the once-a-second clock runs.
	ticking bool
	// clipboard is the copied secret's time in the system clipboard, on
	// whatever screen is up.
	clipboard clipboardClock
	result    Result
}

// New returns the wizard for cfg.
func New(cfg Config) *Model {
	if cfg.ClipboardClear == 0 {
		cfg.ClipboardClear = DefaultClipboardClear
	}
	if cfg.SavePath == "" {
		cfg.SavePath = DefaultSavePath
	}
	if cfg.DraftPath == "" {
		cfg.DraftPath = DefaultDraftPath
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.Spinner.Frames) == 0 {
		cfg.Spinner = spinner.MiniDot
	}
	req := cfg.Request.WithDefaults()
	m := &Model{
		cfg:    cfg,
		keys:   newKeyMap(),
		help:   help.New(),
		styles: newStyles(false),
		width:  80,
		height: 24,
		req:    &req,
		token:  cfg.Token,
		given:  cfg.Given,
	}
	m.help.Styles = help.DefaultStyles(false)
	m.current = &preflightScreen{app: m} // until Init says otherwise
	return m
}

// Result returns how the wizard ended; read it after the program has quit.
func (m *Model) Result() Result {
	r := m.result
	if s, ok := m.current.(*submittingScreen); ok {
		r.InFlight = s.work.rotate == nil // a rotation in flight creates nothing
	}
	if _, ok := m.current.(*resultScreen); ok && r.Outcome != OutcomeRegistered {
		// Stopped on the result screen: the client exists all the same.
		r.Outcome = OutcomeRegistered
	}
	r.ClipboardHoldsSecret = m.clipboard.holds()
	return r
}

// Init asks the terminal for its background colour (huh never does), then
// starts with the token prompt or the pre-flight check.
func (m *Model) Init() tea.Cmd {
	if m.token == "" {
		return tea.Batch(tea.RequestBackgroundColor, m.askToken(""))
	}
	return tea.Batch(tea.RequestBackgroundColor, m.startPreflight())
}

// resizer is a screen that lays itself out to the window.
type resizer interface{ resize() }

// Update handles what every screen cares about (the window, the background,
// the clock, the secret's time in the clipboard), then hands the message to
// the screen on show.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		if r, ok := m.current.(resizer); ok {
			r.resize()
		}
	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.styles = newStyles(m.isDark)
		m.help.Styles = help.DefaultStyles(m.isDark)
	case tickMsg:
		clear := m.clipboardTick()
		cmd := m.current.Update(msg)
		if ticker, ok := m.current.(interface{ ticking() bool }); m.clipboard.counting() || ok && ticker.ticking() {
			return m, tea.Batch(clear, cmd, tick())
		}
		m.ticking = false
		return m, tea.Batch(clear, cmd)
	case clipboardClearedMsg:
		m.clipboardCleared(msg)
	}
	return m, m.current.Update(msg)
}

// View draws the screen on show on the alternate screen, so that nothing of
// the secret stays in the scrollback after the program ends.
func (m *Model) View() tea.View {
	return m.draw()
}

// baseURL is the API the request goes to.
func (m *Model) baseURL() string {
	if m.client == nil {
		return ""
	}
	return m.client.BaseURL()
}

// tickMsg is the once-a-second clock of elapsed times and countdowns.
type tickMsg time.Time

// startTicking starts the clock unless it already runs. A screen that needs
// it says so with a ticking method; the clock stops when none does and the
// clipboard's countdown is over.
func (m *Model) startTicking() tea.Cmd {
	if m.ticking {
		return nil
	}
	m.ticking = true
	return tick()
}

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}
