package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// The review under --if-exists: when a client of the request's name exists
// already, the flag, not the person, says what happens (flow.WhenExists, as
// for the line prompts and the scripted run). The review says what it will
// do, and enter does it.

// existingMsg is the partner's client named like the request (name), if
// any, or why the list could not say (err).
type existingMsg struct {
	name   string
	client *api.OAuth2Client
	err    error
}

// findName looks the request's name up (flow.FindByName), within the
// pre-flight's time: for the review, and before a create sent without it.
func (m *Model) findName() tea.Cmd {
	client, name := m.client, m.req.ApplicationName
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), flow.PreflightTimeout)
		defer cancel()
		c, err := flow.FindByName(ctx, client, name)
		return existingMsg{name, c, err}
	}
}

// found takes the lookup's answer: the client of the request's name, if
// any, and what --if-exists does with it. Under the flag a failed lookup
// stands until enter looks again: a create could meet a client the flag
// was to decide about.
//
// While it stands, leaving ends the run failed (exit 1), as the scripted
// run and the line prompts end there: Result.Refused holds it.
func (s *reviewScreen) found(client *api.OAuth2Client, err error) {
	s.existing, s.looking, s.decision, s.lookupErr = client, false, nil, nil
	var stood lookupFailed
	if errors.As(s.app.result.Refused, &stood) {
		s.app.result.Refused = nil // looked again: it no longer stands
	}
	if err != nil && s.app.cfg.IfExists != "" {
		s.lookupErr = err
		s.app.result.Refused = lookupFailed{fmt.Errorf("could not find out whether %q exists already (--if-exists %s): %s",
			validate.Sanitize(s.app.req.ApplicationName), s.app.cfg.IfExists, strings.Join(advice.Of(err).Lines(), " "))}
		return
	}
	if client != nil && s.app.cfg.IfExists != "" {
		decision := flow.WhenExists(s.app.cfg.IfExists, *client, *s.app.req)
		s.decision = &decision
	}
}

// rotates reports that r offers to rotate the existing client's secret: a
// confidential client, and no --if-exists to decide instead.
func (s *reviewScreen) rotates() bool {
	return s.decision == nil && s.existing != nil && s.existing.ClientType == validate.ClientConfidential
}

// decisionKeys are the review's enter and esc under a decision: enter does
// what the flag says (reuse, rotate), esc cancels as on any review. Where
// the flag ends the run (it fails, or refuses to reuse or rotate), enter and
// esc both end it so: one key, leave.
func (s *reviewScreen) decisionKeys() (do, leave key.Binding) {
	k := s.app.keys
	switch s.decision.Kind {
	case flow.ExistsRotate:
		return k.RotateExisting, k.LeaveExisting
	case flow.ExistsReuse:
		return k.ReuseExisting, k.LeaveExisting
	}
	return key.NewBinding(key.WithDisabled()), k.LeaveDecided
}

// decide acts on the decision's keys: a rotation goes to its confirmation,
// as r does without the flag, and a reuse ends the run with it; esc then
// cancels as on any review (the draft offer, exit 2). A decision that ends
// the run by itself (fail, a reuse or rotation refused) ends it on either
// key, nothing sent and no draft offered. handled is false for the review's
// other keys.
func (s *reviewScreen) decide(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool) {
	m := s.app
	do, leave := s.decisionKeys()
	chosen := s.decision.Kind == flow.ExistsRotate || s.decision.Kind == flow.ExistsReuse
	switch {
	case key.Matches(msg, do):
		return m.existingDecided(*s.decision, *s.existing), true
	case key.Matches(msg, leave) && chosen:
		return m.leaveUnsent(), true
	case key.Matches(msg, leave):
		return m.endExisting(*s.decision), true
	}
	return nil, false
}

// decisionNote says, under the fields, what was found and what enter will
// do with it under --if-exists, in the review's words: the decision's
// Headline and Next are worded for the end of the run ("reused", "nothing
// was sent"), and nothing has happened yet here. A reuse refused lists each
// difference.
func (s *reviewScreen) decisionNote() string {
	m, d, c := s.app, s.decision, s.existing
	width := m.width - 4
	found := fmt.Sprintf("%q exists already as %s", validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientID))
	flag := "--if-exists " + string(m.cfg.IfExists) + ": "
	mark, style := "! ", m.styles.warning
	var words, after string
	switch d.Kind {
	case flow.ExistsReuse:
		mark, style = "✓ ", m.styles.ok
		words = found + ", as the request describes it. " + flag + "enter keeps this client and sends nothing; its secret is not touched."
	case flow.ExistsReuseDiffers:
		words = flag + found + ", and differs from the request:"
		after = "enter leaves and sends nothing: the API cannot change a client to match the request; e edit changes the request."
	case flow.ExistsRotate:
		words = found + ". " + flag + "enter gives it a new secret, once you confirm; apps that use the current one will need the new one."
	case flow.ExistsRotatePublic:
		words = flag + advice.PublicNoSecret(validate.Sanitize(c.ClientID)) + " enter leaves and sends nothing."
	default:
		words = flag + found + ". enter leaves and sends nothing."
	}
	note := "\n" + style.Render(wrapText(mark+words, width))
	if d.Kind == flow.ExistsReuseDiffers {
		for _, diff := range d.Diffs {
			lines := strings.Split(wrapText(diff, width-4), "\n")
			note += "\n" + style.Render("  · "+strings.Join(lines, "\n    "))
		}
	}
	if after != "" {
		note += "\n" + style.Render(wrapText(after, width))
	}
	return note
}

// lookupNote says, under the fields, why the review does not know whether
// a client has the request's name, and that --if-exists needs to.
func (s *reviewScreen) lookupNote() string {
	m, words := s.app, advice.Of(s.lookupErr)
	width := m.width - 4
	note := "\n" + m.styles.errorText.Render(wrapText(fmt.Sprintf("✗ Could not check whether %q exists already: %s",
		validate.Sanitize(m.req.ApplicationName), validate.Sanitize(words.Problem)), width))
	if words.Next != "" {
		note += "\n" + wrapText(validate.Sanitize(words.Next), width)
	}
	return note + "\n" + m.styles.warning.Render(wrapText("! Nothing is sent until --if-exists "+string(m.cfg.IfExists)+
		" knows: enter looks again.", width))
}

// lookupFailed is a failed lookup of the request's name under --if-exists,
// as Result.Refused holds it while it stands.
type lookupFailed struct{ error }

func (l lookupFailed) Unwrap() error { return l.error }
