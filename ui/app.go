// Package ui is the interactive wizard: a token prompt and pre-flight check, a
// huh form of four pages, a review screen, the submission, and the one-time
// secret screen. Each screen is a small model of its own (token.go,
// preflight.go, form.go, review.go, submit.go, failure.go, result.go); the
// root Model holds what they share and routes between them (routes.go).
package ui

import (
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
)

// Format prints the wizard without its token or the secret, for every fmt
// verb: fmt cannot call methods on unexported fields, so a reflective print
// of the model would show them.
func (m *Model) Format(f fmt.State, _ rune) {
	token := `""`
	if m.token != "" {
		token = "[redacted]"
	}
	fmt.Fprintf(f, "ui.Model{screen: %T, token: %s}", m.current, token)
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
	cfg        flow.Config
	spinner    spinner.Spinner // of the waits
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
	client    flow.API
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
	result    flow.Result
}

// New returns the wizard for cfg.
func New(cfg flow.Config) *Model {
	cfg = cfg.WithDefaults()
	req := cfg.Request.WithDefaults()
	m := &Model{
		cfg:     cfg,
		keys:    newKeyMap(),
		help:    help.New(),
		styles:  newStyles(false),
		width:   80,
		height:  24,
		req:     &req,
		token:   cfg.Token,
		given:   cfg.Given,
		spinner: spinner.MiniDot,
	}
	m.help.Styles = help.DefaultStyles(false)
	m.current = &preflightScreen{app: m} // until Init says otherwise
	return m
}

// Result returns how the wizard ended; read it after the program has quit.
func (m *Model) Result() flow.Result {
	r := m.result
	if s, ok := m.current.(*submittingScreen); ok {
		r.InFlight = s.work.rotate == nil // a rotation in flight creates nothing
	}
	if _, ok := m.current.(*resultScreen); ok && r.Outcome != flow.OutcomeRegistered {
		// Stopped on the result screen: the client exists all the same.
		r.Outcome = flow.OutcomeRegistered
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
// the screen on show; and keeps a link on show whole in the terminal
// (link.go).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(linkRewrapMsg); ok {
		return m, m.rewrapLink()
	}
	shown := m.shownLink()
	_, cmd := m.update(msg)
	return m, tea.Batch(cmd, m.followLink(shown, msg))
}

// update is Update before the link on show is followed (link.go).
func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
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
