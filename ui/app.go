// Package ui is the interactive wizard: a token prompt and pre-flight check, a
// huh form of four pages, a review screen, the submission, and the one-time
// secret screen. Each screen is a state of one root Model, in a file of its own.
package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"flexslot-register/api"
	"flexslot-register/cli/secretfile"
	"flexslot-register/validate"
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
	BaseURL() string
}

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
	// Now is the clock; time.Now when nil. Tests pin it.
	Now func() time.Time
	// Given names the request fields that flags or a manifest already gave:
	// pages whose fields are all given are skipped.
	Given map[string]bool
	// SkipReview sends the request as soon as the form is done (--yes).
	SkipReview bool

	spinner *spinner.Spinner // tests use a still one
}

// Format prints the configuration without its token, for every fmt verb.
func (c Config) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ui.Config{Token: %s, Request: %+v}", redactedToken(c.Token), c.Request)
}

// Format prints the wizard without its token or the secret, for every fmt
// verb: fmt cannot call methods on unexported fields, so a reflective print
// of the model would show them.
func (m *Model) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "ui.Model{screen: %d, token: %s}", m.screen, redactedToken(m.token))
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
	// Copied reports that the secret was copied to a clipboard.
	Copied bool
	// ClipboardHoldsSecret reports that the system clipboard may still hold the
	// secret (the user left before it was cleared).
	ClipboardHoldsSecret bool
	// Err is why it failed, for OutcomeFailed.
	Err error
	// InFlight reports that the wizard was stopped (a signal) while a create
	// request was under way: the client may exist.
	InFlight bool
}

// screen is the state of the root model.
type screen int

const (
	screenToken screen = iota
	screenPreflight
	screenStopped
	screenForm
	screenReview
	screenSubmitting
	screenFailure
	screenResult
)

// Model is the wizard. It is used through a pointer: the huh forms it embeds
// write into its request, which must not move.
type Model struct {
	cfg    Config
	keys   keyMap
	help   help.Model
	styles styles
	isDark bool
	width  int
	height int
	screen screen
	result Result

	// Token and pre-flight.
	client     API
	token      string
	tokenForm  *huh.Form
	tokenInput string
	tokenNote  string
	tokenMeta  *api.AccessToken
	partner    *api.Partner
	stopReason string
	stopHint   string
	stopRetry  bool
	afterToken screen

	// Form and review.
	req        *api.CreateClientRequest
	form       *huh.Form
	redirect   *RedirectURIsField
	given      map[string]bool
	serverErrs []api.FieldError
	serverVals map[string]string
	// refusal holds the server's refusals that name no field of the form,
	// shown on the review while the request is still the one refused
	// (refusedAs).
	refusal   []string
	refusedAs string
	showCurl  bool

	// Submitting and failure.
	spinner  spinner.Model
	started  time.Time
	now      time.Time
	cancel   context.CancelFunc
	failure  error
	retryAt  time.Time
	canceled bool
	ticking  bool

	// Result.
	created   *api.CreateClientResponse
	status    string
	statusBad bool
	copied    bool
	savedTo   string
	clearAt   time.Time
	leaving   bool
	saving    bool
	pathInput textinput.Model

	// frame is the last content drawn, readable from other goroutines: tests
	// wait on it, since the output stream only carries changed cells.
	frame atomic.Pointer[string]
}

// New returns the wizard for cfg.
func New(cfg Config) *Model {
	if cfg.ClipboardClear == 0 {
		cfg.ClipboardClear = DefaultClipboardClear
	}
	if cfg.SavePath == "" {
		cfg.SavePath = DefaultSavePath
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
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
		screen: screenPreflight, // until Init says otherwise
	}
	sp := spinner.MiniDot
	if cfg.spinner != nil {
		sp = *cfg.spinner
	}
	m.spinner = spinner.New(spinner.WithSpinner(sp))
	m.help.Styles = help.DefaultStyles(false)
	return m
}

// Result returns how the wizard ended; read it after the program has quit.
func (m *Model) Result() Result {
	r := m.result
	r.InFlight = m.screen == screenSubmitting
	if r.Created != nil && r.Outcome != OutcomeRegistered {
		// Stopped on the result screen: the client exists all the same.
		r.Outcome = OutcomeRegistered
		r.ClipboardHoldsSecret = !m.clearAt.IsZero()
	}
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

// Update routes a message to the current screen, after the messages every
// screen cares about.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.resizeForm()
	case tea.BackgroundColorMsg:
		m.isDark = msg.IsDark()
		m.styles = newStyles(m.isDark)
		m.help.Styles = help.DefaultStyles(m.isDark)
	case tickMsg:
		return m, m.onTick(time.Time(msg))
	case spinner.TickMsg:
		if m.screen != screenSubmitting && m.screen != screenPreflight {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	}

	switch m.screen {
	case screenToken:
		return m, m.updateToken(msg)
	case screenPreflight, screenStopped:
		return m, m.updatePreflight(msg)
	case screenForm:
		return m, m.updateForm(msg)
	case screenReview:
		return m, m.updateReview(msg)
	case screenSubmitting:
		return m, m.updateSubmitting(msg)
	case screenFailure:
		return m, m.updateFailure(msg)
	case screenResult:
		return m, m.updateResult(msg)
	}
	return m, nil
}

// View draws the current screen on the alternate screen, so that nothing of
// the secret stays in the scrollback after the program ends.
func (m *Model) View() tea.View {
	var content string
	switch m.screen {
	case screenToken:
		content = m.tokenView()
	case screenPreflight, screenStopped:
		content = m.preflightView()
	case screenForm:
		content = m.formView()
	case screenReview:
		content = m.reviewView()
	case screenSubmitting:
		content = m.submittingView()
	case screenFailure:
		content = m.failureView()
	case screenResult:
		content = m.resultView()
	}
	// Width wraps any line that would run past the window, instead of letting
	// the terminal wrap it behind the renderer's back. huh lays the form out
	// to the width already: it is only indented, since measuring every cell
	// again was a fifth of the time of a key press there.
	frame := lipgloss.NewStyle().Padding(0, 1).Width(m.width)
	var text string
	if m.screen == screenForm {
		text = frame.Render(m.header()) + "\n\n" + indent(content)
	} else {
		text = frame.Render(m.header() + "\n\n" + content)
	}
	text = m.fit(text)
	m.frame.Store(&text)
	v := tea.NewView(text)
	v.AltScreen = true
	return v
}

// minResultHeight is the fewest rows that show the client id, the secret
// (wrapped at most twice) and the keys.
const minResultHeight = 8

// fit makes a frame taller than the window fit: first without its blank lines,
// then, on the result screen, as the bare essentials; the secret is never cut.
func (m *Model) fit(frame string) string {
	if m.height <= 0 || lipgloss.Height(frame) <= m.height {
		return frame
	}
	lines := strings.Split(frame, "\n")
	kept := lines[:0]
	for _, line := range lines {
		if strings.TrimSpace(line) != "" {
			kept = append(kept, line)
		}
	}
	if len(kept) <= m.height {
		return strings.Join(kept, "\n")
	}
	if m.screen != screenResult {
		// Keep the top and the last line, the keys, and say what is cut.
		top := kept[:max(m.height-2, 1)]
		more := lipgloss.NewStyle().Padding(0, 1).Render(fmt.Sprintf("… %d more lines: make the window taller to see them", len(kept)-len(top)-1))
		return strings.Join(append(append(top[:len(top):len(top)], more), kept[len(kept)-1]), "\n")
	}
	if m.height < minResultHeight {
		return lipgloss.NewStyle().Width(m.width).Render("The window is too small to show the client secret: make it taller.")
	}
	return lipgloss.NewStyle().Padding(0, 1).Width(m.width).Render(m.resultEssentials())
}

// header names the tool and, once known, the token and partner in one line.
func (m *Model) header() string {
	title := m.styles.title.Render("flexslot-register")
	if m.tokenMeta == nil || m.partner == nil {
		return title
	}
	info := validate.Sanitize("token " + m.tokenMeta.TokenPrefix + "… · partner " + m.partner.DisplayName() +
		" (" + m.partner.Status + ", " + m.partner.RateLimitTier + " tier)")
	if lipgloss.Width(title+" · "+info) <= m.width-2 {
		return title + m.styles.subtle.Render(" · "+info)
	}
	return title + "\n" + m.styles.subtle.Render(info)
}

// helpLine renders key bindings as the help line.
func (m *Model) helpLine(bindings ...key.Binding) string {
	return m.help.ShortHelpView(bindings)
}

// quit ends the program with outcome.
func (m *Model) quit(outcome Outcome, err error) tea.Cmd {
	m.result.Outcome = outcome
	m.result.Err = err
	return tea.Quit
}

// tickMsg is the once-a-second clock of elapsed times and countdowns.
type tickMsg time.Time

// startTicking starts the clock unless it already runs.
func (m *Model) startTicking() tea.Cmd {
	m.now = m.cfg.Now()
	if m.ticking {
		return nil
	}
	m.ticking = true
	return tick()
}

func tick() tea.Cmd {
	return tea.Tick(time.Second, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// onTick advances the clocks and keeps ticking while one is running.
func (m *Model) onTick(time.Time) tea.Cmd {
	m.now = m.cfg.Now()
	var cmds []tea.Cmd
	if !m.clearAt.IsZero() && !m.now.Before(m.clearAt) {
		m.clearAt = time.Time{}
		cmds = append(cmds, clearClipboard(m.cfg.Clipboard, m.created.PlaintextClientSecret.Reveal()))
	}
	running := m.screen == screenSubmitting || !m.clearAt.IsZero() ||
		(m.screen == screenFailure && m.now.Before(m.retryAt))
	m.ticking = running
	if running {
		cmds = append(cmds, tick())
	}
	return tea.Batch(cmds...)
}
