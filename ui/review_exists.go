package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// The review under --if-exists: when a client of the request's name exists
// already, the flag, not the person, says what happens (flow.WhenExists, as
// for the line prompts and the scripted run). The review says what it will
// do, and enter does it.

// found takes the lookup's answer: the client of the request's name, if
// any, and what --if-exists does with it.
func (s *reviewScreen) found(client *api.OAuth2Client) {
	s.existing, s.looking, s.decision = client, false, nil
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
// what the flag says, esc leaves with it. Where the flag ends the run (it
// fails, or refuses to reuse or rotate), enter ends it too: one key, leave.
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
// as r does without the flag; every other decision, and leaving, ends the
// run with it, nothing sent and no draft offered. handled is false for
// the review's other keys.
func (s *reviewScreen) decide(msg tea.KeyPressMsg) (cmd tea.Cmd, handled bool) {
	m := s.app
	do, leave := s.decisionKeys()
	switch {
	case key.Matches(msg, do) && s.decision.Kind == flow.ExistsRotate:
		return m.confirmRotate(*s.existing, m.showReview), true
	case key.Matches(msg, do), key.Matches(msg, leave):
		return m.endExisting(*s.decision), true
	}
	return nil, false
}

// decisionNote says, under the fields, what --if-exists will do: its
// headline and, for a reuse refused, each difference.
func (s *reviewScreen) decisionNote() string {
	m, d := s.app, s.decision
	width := m.width - 4
	headline := d.Headline
	if !strings.Contains(headline, "--if-exists") {
		headline = "--if-exists " + string(m.cfg.IfExists) + ": " + headline
	}
	mark, style := "! ", m.styles.warning
	if d.Kind == flow.ExistsReuse {
		mark, style = "✓ ", m.styles.ok
	}
	note := "\n" + style.Render(wrapText(mark+headline, width))
	if d.Kind == flow.ExistsReuseDiffers {
		for _, diff := range d.Diffs {
			lines := strings.Split(wrapText(diff, width-4), "\n")
			note += "\n" + style.Render("  · "+strings.Join(lines, "\n    "))
		}
	}
	return note
}
