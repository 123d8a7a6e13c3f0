package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/signin"
	"github.com/flexslot/flexslot-register/validate"
)

// signinScreen runs a test sign-in with the new client: the user's browser,
// a loopback listener, the code exchanged, a read call, the tokens revoked.
// It shows the URL to open by hand, then what the sign-in proved.
type signinScreen struct {
	app     *Model
	back    *resultScreen
	client  api.OAuth2Client
	spinner spinner.Model
	url     string
	cancel  context.CancelFunc
	done    bool
	outcome signin.Outcome
	err     error
	// status says what became of a copy of the URL.
	status    string
	statusBad bool
}

// signinReadyMsg is a flow started (listener open, precheck done), or why not.
type signinReadyMsg struct {
	flow *signin.Flow
	err  error
}

// signinDoneMsg is the end of the flow.
type signinDoneMsg struct {
	outcome signin.Outcome
	err     error
}

func newSigninScreen(app *Model, back *resultScreen) (*signinScreen, tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &signinScreen{app: app, back: back, client: back.created.Client, cancel: cancel,
		spinner: spinner.New(spinner.WithSpinner(app.spinner))}
	opts := signin.Options{BaseURL: app.baseURL(), Client: back.created.Client, Secret: back.rawSecret(), Open: app.cfg.OpenBrowser}
	return s, tea.Batch(s.spinner.Tick, func() tea.Msg {
		flow, err := signin.Start(opts)
		if err == nil {
			if err = flow.Precheck(ctx); err != nil {
				flow.Close()
				flow = nil
			}
		}
		return signinReadyMsg{flow, err}
	})
}

// Update follows the flow; esc cancels it, then leads back to the result.
// A clear of the clipboard, which runs whatever screen is up, is said on the
// result screen.
func (s *signinScreen) Update(msg tea.Msg) tea.Cmd {
	m := s.app
	switch msg := msg.(type) {
	case clipboardClearedMsg:
		return s.back.Update(msg)
	case spinner.TickMsg:
		return spin(&s.spinner, msg, !s.done)
	case signinReadyMsg:
		if msg.err != nil {
			s.finish(signin.Outcome{}, msg.err)
			return nil
		}
		s.url = msg.flow.URL()
		flow, ctx := msg.flow, s.context()
		return func() tea.Msg {
			defer flow.Close()
			out, err := flow.Wait(ctx, signin.DefaultTimeout)
			return signinDoneMsg{out, err}
		}
	case signinDoneMsg:
		s.finish(msg.outcome, msg.err)
	case copiedMsg:
		s.status, s.statusBad = copyStatus(msg, m.cfg.OSC52)
		if msg.err != nil && m.cfg.OSC52 {
			return tea.SetClipboard(s.shownLink().url)
		}
	case tea.KeyPressMsg:
		switch {
		case s.canCopy() && key.Matches(msg, m.keys.CopySigninURL):
			return copyToSystem(m.cfg.Clipboard, s.shownLink().url, linkWhat, false)
		case !s.done && key.Matches(msg, m.keys.Abort):
			s.cancel()
		case s.done && key.Matches(msg, m.keys.SigninBack):
			m.current = s.back
		}
	}
	return nil
}

// context is the flow's context, which esc cancels.
func (s *signinScreen) context() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	previous := s.cancel
	s.cancel = func() { previous(); cancel() }
	return ctx
}

func (s *signinScreen) finish(out signin.Outcome, err error) {
	s.done, s.outcome, s.err = true, out, err
	s.cancel()
	s.back.signedIn = err == nil
}

// shownLink is the URL to open by hand, once the flow made it: a page to
// open, so a hyperlink.
func (s *signinScreen) shownLink() link {
	if s.url == "" {
		return link{}
	}
	return link{url: validate.Sanitize(s.url), hyperlink: true}
}

// canCopy reports whether c copies the URL: while the sign-in waits for it.
func (s *signinScreen) canCopy() bool { return s.url != "" && !s.done }

// waitKeys are the keys while the sign-in waits.
func (s *signinScreen) waitKeys() []key.Binding {
	if s.canCopy() {
		return []key.Binding{s.app.keys.CopySigninURL, s.app.keys.Abort}
	}
	return []key.Binding{s.app.keys.Abort}
}

// View shows the URL and the wait, then the outcome. The URL is on rows of
// its own, unbroken (link.go).
func (s *signinScreen) View() string {
	m := s.app
	width := max(m.width-4, 10)
	var b strings.Builder
	b.WriteString(m.styles.heading.Render(wrapText(fmt.Sprintf("Test sign-in with %q", validate.Sanitize(s.client.ApplicationName)), width)) + "\n\n")
	if s.url != "" {
		b.WriteString(wrapText("Your browser opens the page below; where it does not (over SSH), open it by hand:", width) + "\n")
		b.WriteString(m.linkPlaceholder(s.shownLink().url) + "\n")
		if s.status != "" {
			style := m.styles.ok
			if s.statusBad {
				style = m.styles.errorText
			}
			b.WriteString(style.Render(wrapText(s.status, width)) + "\n")
		}
		b.WriteString("\n")
	}
	switch {
	case !s.done && s.url == "":
		b.WriteString(s.spinner.View() + " Preparing the sign-in…\n\n" + m.helpLine(s.waitKeys()...))
	case !s.done:
		b.WriteString(s.spinner.View() + " Waiting for the sign-in in the browser (up to 5 minutes)…\n\n" + m.helpLine(s.waitKeys()...))
	case s.err == nil:
		b.WriteString(m.styles.ok.Render(wrapText(advice.SignedIn(s.outcome), width)) + "\n\n" + m.helpLine(m.keys.SigninBack))
	default:
		problem, next := advice.SignInFailed(s.err)
		b.WriteString(m.styles.errorText.Render(wrapText("✗ "+problem, width)) + "\n")
		if next != "" {
			b.WriteString(wrapText(next, width) + "\n")
		}
		b.WriteString("\n" + m.helpLine(m.keys.SigninBack))
	}
	return b.String()
}
