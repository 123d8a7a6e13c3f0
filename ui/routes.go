package ui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// The routes between the screens: each screen asks for the next step here,
// and only here is a screen made.

// askToken shows the token prompt; note says why it is asked (again).
func (m *Model) askToken(note string) tea.Cmd {
	s, cmd := newTokenScreen(m, note)
	m.current = s
	return cmd
}

// tokenEntered checks a new token.
func (m *Model) tokenEntered(token string) tea.Cmd {
	m.token = token
	m.client = nil
	return m.startPreflight()
}

// startPreflight connects with the token and checks it and the partner.
func (m *Model) startPreflight() tea.Cmd {
	if m.client == nil {
		client, err := m.cfg.Connect(m.token)
		if err != nil {
			return m.askToken(err.Error())
		}
		m.client = client
	}
	s, cmd := newPreflightScreen(m)
	m.current = s
	return cmd
}

// preflightDone moves on from the pre-flight's answers: to the form (or back
// to the review), to the token prompt for a refused token, or it stops.
func (m *Model) preflightDone(s *preflightScreen, msg preflightMsg) tea.Cmd {
	switch {
	case api.IsUnauthorized(msg.err):
		m.client = nil
		return m.askToken("The server refused this token (401). Paste a valid personal access token.")
	case msg.err != nil:
		words := advice.Of(msg.err)
		s.stop(words.Problem, words.Next, words.Retry)
		return nil
	case msg.partner.Status != api.StatusActive:
		s.stop("Your partner account is "+validate.Sanitize(msg.partner.Status)+"; it may not register OAuth2 clients.",
			"Contact partner support to reactivate it, or apply for partner access on flexslot.gg.", false)
		return nil
	}
	m.tokenMeta, m.partner = msg.token, msg.partner
	switch {
	case m.backToReview:
		m.backToReview = false
		return m.showReview()
	case m.backToRotate != nil:
		client := *m.backToRotate
		m.backToRotate = nil
		return m.confirmRotate(client, nil)
	case m.cfg.Mode == flow.ModeRotate:
		return m.pickClient()
	}
	return m.openForm(nil)
}

// openForm (re-)opens the form with every value kept, focused on the first
// field the server refused, if any.
func (m *Model) openForm(refused []api.FieldError) tea.Cmd {
	if len(refused) > 0 {
		m.given = nil // a field the server refused must be reachable
	}
	if flow.AllSkipped(m.given) {
		return m.formDone()
	}
	s, cmd := newFormScreen(m, refused)
	m.current = s
	return cmd
}

// editForm re-opens the form with every page, for the user to edit.
func (m *Model) editForm() tea.Cmd {
	m.given = nil
	return m.openForm(nil)
}

// formDone moves on from a complete form: to the review, or straight to the
// submission with --yes; under --if-exists too, once the request's name has
// been looked up (lookedUp), as the review would have.
func (m *Model) formDone() tea.Cmd {
	switch {
	case !m.cfg.SkipReview:
		return m.showReview()
	case m.cfg.IfExists != "":
		s, cmd := newLookupScreen(m)
		m.current = s
		return cmd
	}
	return m.submit()
}

// lookedUp moves on from the lookup that --yes makes under --if-exists: to
// the create when no client has the name, to what the flag decided when
// one has, and to the review when the lookup failed, which says why and
// looks again on enter: nothing is sent without the answer.
func (m *Model) lookedUp(msg existingMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		s := newReviewScreen(m)
		m.current = s
		s.found(nil, msg.err)
		return s.checkLinks()
	case msg.client == nil:
		return m.submit()
	}
	return m.existingDecided(flow.WhenExists(m.cfg.IfExists, *msg.client, *m.req), *msg.client)
}

// showReview shows the review, looks for a client of the same name and
// runs the go-live check.
func (m *Model) showReview() tea.Cmd {
	s := newReviewScreen(m)
	m.current = s
	return tea.Batch(s.lookForName(), s.checkLinks())
}

// submit sends the request the user confirmed. It is never retried by itself:
// a retried create could register two clients.
func (m *Model) submit() tea.Cmd {
	m.refusal.notes = nil
	req := *m.req
	req.RedirectURIs = slices.Clone(req.RedirectURIs)
	req.AllowedScopes = slices.Clone(req.AllowedScopes)
	req.GrantTypes = slices.Clone(req.GrantTypes)
	return m.submitWork(secretWork{req: req})
}

// submitWork sends a create or a rotation, with the spinner. A refusal of
// an earlier create no longer stands once another request is sent.
func (m *Model) submitWork(work secretWork) tea.Cmd {
	m.result.Refused = nil
	s, cmd := newSubmittingScreen(m, work)
	m.current = s
	return tea.Batch(cmd, m.startTicking())
}

// answered moves on from the answer: the secret screen, the form or the
// review for what the server refused, the token prompt for a refused token,
// or the failure screen (which finds out by itself whether a create whose
// answer was lost went through). A create refused (a field, a scope, the
// token) is the run's outcome until another request is sent: leaving after
// it ends refused (Result.Refused), the draft offered all the same.
func (m *Model) answered(msg createdMsg, from *submittingScreen) tea.Cmd {
	answer := flow.Judge(msg.resp, msg.err, from.canceled)
	if from.work.rotate == nil && (answer.Kind == flow.Refused || answer.Kind == flow.TokenRefused) {
		m.result.Refused = answer.Err
	}
	switch answer.Kind {
	case flow.Created, flow.CreatedWithoutSecret, flow.NotCredential:
		// The result screen shows each: the secret, the rotation it lacks,
		// or why nothing is shown.
		m.result.Created = msg.resp
		m.result.Rotated = from.work.rotate != nil
		m.current = newResultScreen(m, msg.resp)
		return nil
	case flow.TokenRefused:
		m.client = nil
		m.backToReview = from.work.rotate == nil
		m.backToRotate = from.work.rotate
		if from.work.rotate != nil {
			return m.askToken("The server refused the token while getting a new secret (401). Paste a valid personal access token.")
		}
		return m.askToken("The server refused the token while registering (401). Paste a valid personal access token; your answers are kept.")
	case flow.Refused:
		if from.work.rotate == nil {
			return m.refused(answer.Fields)
		}
	}
	// A wait asked for, a create that may have gone through, a cancel, a
	// failure: the failure screen counts down, finds out, or says why.
	s := newFailureScreen(m, msg.err, from)
	m.current = s
	return s.start()
}

// refused puts the server's complaints where they belong: at the form's
// fields, focused on the first, or on the review for what belongs to no field
// of the form.
func (m *Model) refused(fields []api.FieldError) tea.Cmd {
	m.refusal = newRefusal(*m.req, fields)
	if len(m.refusal.fields) == 0 {
		return m.showReview()
	}
	return m.openForm(m.refusal.fields)
}

// endExisting ends the run where --if-exists decided it (every kind but a
// rotation, which goes on to the rotation): nothing was sent, and no draft
// is offered, since the flag, not the person, chose to stop.
func (m *Model) endExisting(decision flow.Exists) tea.Cmd {
	m.result.Existing = &decision
	return m.quit(flow.OutcomeCancelled, nil)
}

// existingDecided does what --if-exists decided about client, the client of
// the request's name, as the review's enter does: a rotation goes to its
// confirmation (esc there shows the review), every other decision ends the
// run (endExisting).
func (m *Model) existingDecided(decision flow.Exists, client api.OAuth2Client) tea.Cmd {
	if decision.Kind == flow.ExistsRotate {
		return m.confirmRotate(client, m.showReview)
	}
	return m.endExisting(decision)
}

// quit ends the program with outcome.
func (m *Model) quit(outcome flow.Outcome, err error) tea.Cmd {
	m.result.Outcome = outcome
	m.result.Err = err
	return tea.Quit
}

// pickClient lists the partner's confidential clients to rotate one, or goes
// straight to the confirmation of the one Config.ClientID names.
func (m *Model) pickClient() tea.Cmd {
	s, cmd := newPickerScreen(m)
	m.current = s
	return cmd
}

// confirmRotate asks before a client's secret is rotated; back, when not
// nil, is where esc goes (else it leaves).
func (m *Model) confirmRotate(client api.OAuth2Client, back func() tea.Cmd) tea.Cmd {
	m.current = newConfirmScreen(m, client, back)
	return nil
}
