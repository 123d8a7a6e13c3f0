package ui

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// reviewScreen shows everything that will be sent, on one screen; nothing is
// sent before the user confirms here. In a short window the fields scroll,
// and the warnings, refusals and keys under them stay in view. p shows the
// same request as a curl command, scrolled in a viewport too.
type reviewScreen struct {
	app  *Model
	rows viewport.Model
	curl *viewport.Model // nil while the review shows
	// existing is the partner's client of the same name, when there is one:
	// the review then offers to rotate its secret instead of creating.
	existing *api.OAuth2Client
	// decision is what --if-exists does with existing (review_exists.go);
	// nil when the flag was not given or no client has the name. looking
	// is set while the name is looked up with the flag given: enter waits
	// for the answer. lookupErr is why the lookup failed, with the flag
	// given: enter looks again, and nothing is sent until it knows.
	decision  *flow.Exists
	looking   bool
	lookupErr error
	// checking is set while the go-live check runs; links is its report.
	checking bool
	links    *golive.Report
}

// linksMsg is the go-live check's report on req.
type linksMsg struct {
	req    api.CreateClientRequest
	report golive.Report
}

// checkLinks runs the go-live check of the request's links and redirect
// hosts, when the wizard has one; its findings are warnings, never a block.
func (s *reviewScreen) checkLinks() tea.Cmd {
	check := s.app.cfg.CheckLinks
	if check == nil {
		return nil
	}
	req := *s.app.req
	s.checking = true
	return func() tea.Msg { return linksMsg{req, check(context.Background(), req)} }
}

// lookForName asks the list endpoint for a client of the request's name (a
// GET). Without --if-exists a failure says nothing: the create would find
// out; with it, the review waits for the answer.
func (s *reviewScreen) lookForName() tea.Cmd {
	if s.app.client == nil {
		return nil
	}
	s.looking, s.lookupErr = s.app.cfg.IfExists != "", nil
	return s.app.findName()
}

func newReviewScreen(app *Model) *reviewScreen {
	rows := viewport.New()
	rows.KeyMap = app.keys.scroll
	rows.SoftWrap = true
	return &reviewScreen{app: app, rows: rows}
}

// Update acts on the keys the help line shows, and on no other.
func (s *reviewScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case existingMsg:
		if msg.name == s.app.req.ApplicationName { // not the answer for an earlier name
			s.found(msg.client, msg.err)
		}
		return nil
	case linksMsg:
		if reflect.DeepEqual(msg.req, *s.app.req) { // not a report on an earlier version
			s.checking, s.links = false, &msg.report
		}
		return nil
	}
	keyMsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	m := s.app
	if s.curl != nil {
		if key.Matches(keyMsg, m.keys.Back) {
			s.curl = nil
			return nil
		}
		var cmd tea.Cmd
		*s.curl, cmd = s.curl.Update(msg)
		return cmd
	}
	if s.decision != nil {
		if cmd, ok := s.decide(keyMsg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(keyMsg, m.keys.Create):
		switch {
		case s.looking:
			return nil // --if-exists decides once the name is looked up
		case s.lookupErr != nil:
			return s.lookForName()
		}
		return m.submit()
	case key.Matches(keyMsg, m.keys.Edit):
		return m.editForm()
	case key.Matches(keyMsg, m.keys.Curl):
		vp := viewport.New()
		vp.KeyMap = m.keys.scroll
		vp.SoftWrap = true
		vp.Style = m.styles.code
		vp.SetContent(validate.SanitizeLines(api.CurlCreate(m.baseURL(), *m.req)))
		s.curl = &vp
		s.resize()
	case key.Matches(keyMsg, m.keys.Cancel):
		return m.leaveUnsent()
	case len(m.lackedScopes()) > 0 && key.Matches(keyMsg, m.keys.AskScopes):
		return m.requestScopes()
	case s.rotates() && key.Matches(keyMsg, m.keys.RotateNow):
		return m.confirmRotate(*s.existing, m.showReview)
	case isScrollKey(keyMsg, m.keys.scroll) && s.scrolls():
		var cmd tea.Cmd
		s.rows, cmd = s.rows.Update(msg)
		return cmd
	}
	return nil
}

// isScrollKey reports a key that scrolls a viewport with keys.
func isScrollKey(msg tea.KeyPressMsg, keys viewport.KeyMap) bool {
	return key.Matches(msg, keys.Up, keys.Down, keys.PageUp, keys.PageDown)
}

// curlIntro heads the curl view, with which lines show when not all do.
func (s *reviewScreen) curlIntro() string {
	return s.app.styles.heading.Render("The same request with curl") + linesShown(s.app, s.curl) + "\n" +
		s.app.styles.subtle.Render(wrapText("The token is read from $FLEXSLOT_TOKEN, so it never lands in your shell history.", s.app.width-4))
}

// linesShown says which lines a viewport shows, when it does not show all.
func linesShown(m *Model, vp *viewport.Model) string {
	total, shown := vp.TotalLineCount(), vp.VisibleLineCount()
	if shown >= total {
		return ""
	}
	first := vp.YOffset() + 1
	return m.styles.subtle.Render(fmt.Sprintf(" · lines %d–%d of %d", first, first+shown-1, total))
}

// curlKeys are the curl view's keys.
func (s *reviewScreen) curlKeys() string {
	k := s.app.keys
	return s.app.helpLine(k.scroll.Up, k.scroll.PageDown, k.Back)
}

// resize gives the curl view the rows the window has left.
func (s *reviewScreen) resize() {
	if s.curl == nil {
		return
	}
	m := s.app
	used := m.headerHeight() + 1 + lipgloss.Height(s.curlIntro()) + 1 + 1 + lipgloss.Height(s.curlKeys())
	s.curl.SetWidth(max(m.width-2, 20))
	s.curl.SetHeight(max(m.height-used, 3))
}

// fields are the review's rows, one a field or list item.
func (s *reviewScreen) fields() string {
	m := s.app
	var b strings.Builder
	// A value wraps at its words, under itself, never under the labels.
	width := max(m.width-4-reviewLabelWidth, 20)
	hanging := "\n" + strings.Repeat(" ", reviewLabelWidth)
	for i, row := range flow.ReviewRows(*m.req) {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(m.styles.label.Render(padRight(row.Label, reviewLabelWidth)))
		for j, line := range strings.Split(wrapText(row.Value, width), "\n") {
			if j > 0 {
				b.WriteString(hanging)
			}
			b.WriteString(m.styles.value.Render(line))
		}
		for _, problem := range s.findings(row) {
			for _, line := range strings.Split(wrapText("! "+problem, width), "\n") {
				b.WriteString(hanging + m.styles.warning.Render(line))
			}
		}
	}
	return b.String()
}

// findings are the go-live check's problems with a row's value.
func (s *reviewScreen) findings(row flow.ReviewRow) []string {
	if s.links == nil {
		return nil
	}
	var out []string
	for _, f := range s.links.Findings {
		if f.Field == row.Field && f.Index == row.Index {
			out = append(out, f.Problem)
		}
	}
	return out
}

// linksNote says how the go-live check went, where its findings do not.
func (s *reviewScreen) linksNote() string {
	if s.checking && s.app.cfg.LinksSkipped == "" {
		return "Checking the links and hosts players will see…"
	}
	return flow.LinksSummary(s.app.cfg.LinksSkipped, s.links)
}

// notes are the warnings and the server's refusals, under the fields.
func (s *reviewScreen) notes() string {
	m := s.app
	r := m.req
	var b strings.Builder
	for _, p := range validate.RedirectURIs(validate.EntriesOf(r.RedirectURIs)) {
		if p.Warning {
			b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+validate.Sanitize(p.Message), m.width-4)))
		}
	}
	if len(r.AllowedScopes) == 0 {
		b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+advice.NoScopes, m.width-4)))
	}
	if lacked := m.lackedScopes(); len(lacked) > 0 {
		b.WriteString("\n" + m.styles.warning.Render(wrapText("! Your partner account does not list "+validate.Sanitize(strings.Join(lacked, ", "))+
			" (GET /me/partner), so the server may refuse this client: a asks flexslot for it, or e edit leaves it out.", m.width-4)))
	}
	if note := s.linksNote(); note != "" {
		style := m.styles.subtle
		if s.links != nil && len(s.links.Findings) > 0 {
			style = m.styles.warning
		}
		b.WriteString("\n" + style.Render(wrapText(note, m.width-4)))
	}
	if s.lookupErr != nil {
		b.WriteString(s.lookupNote())
	} else if s.decision != nil {
		b.WriteString(s.decisionNote())
	} else if c := s.existing; c != nil {
		b.WriteString("\n" + m.styles.warning.Render(wrapText(fmt.Sprintf("! %q exists already as %s (created %s): enter registers another one, which the server may refuse for its name.",
			validate.Sanitize(c.ApplicationName), validate.Sanitize(c.ClientID), day(&c.CreatedAt)), m.width-4)))
	}
	for _, note := range m.refusal.notesFor(*r) {
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+note, m.width-4)))
	}
	return b.String()
}

// keysLine is the review's help line; ↑/↓ shows when the fields scroll.
func (s *reviewScreen) keysLine(scrolls bool) string {
	k := s.app.keys
	create, cancel := k.Create, k.Cancel
	switch {
	case s.looking:
		create.SetEnabled(false)
	case s.lookupErr != nil:
		create = k.LookAgain
	}
	if s.decision != nil {
		create, cancel = s.decisionKeys()
	}
	bindings := []key.Binding{create, k.Edit, k.Curl, cancel}
	if s.rotates() {
		bindings = append([]key.Binding{k.RotateNow}, bindings...)
	}
	if len(s.app.lackedScopes()) > 0 {
		bindings = append([]key.Binding{k.AskScopes}, bindings...)
	}
	if scrolls {
		bindings = append(bindings, k.scroll.Up)
	}
	return s.app.helpLine(bindings...)
}

// reviewMinFieldRows is the fewest rows the fields get beside the notes
// when they scroll, blank lines kept; reviewFewestFieldRows the fewest once
// the blank lines are gone.
const (
	reviewMinFieldRows    = 3
	reviewFewestFieldRows = 2
)

// layout draws the fields and the notes, and says how many rows the window
// leaves for the fields. The notes come first: they say what enter will do
// (under --if-exists, or after a failed lookup) and what may go wrong. In a
// short window the blank lines go (as Model.fit drops them) before the
// fields get fewer than reviewMinFieldRows; in a window too short for
// reviewFewestFieldRows beside the notes, the notes scroll with the fields,
// above them, so that ↑/↓ reaches every line and the first view shows
// what enter does.
func (s *reviewScreen) layout() (fields, notes string, room int) {
	m := s.app
	fields, notes = s.fields(), s.notes()
	keys := lipgloss.Height(s.keysLine(true))
	// The blank lines under the header, the heading and the fields (the
	// notes' first line, or the line they leave empty), and above the keys.
	room = m.height - (m.headerHeight() + 1 + 2 + lipgloss.Height(notes) + 1 + keys)
	if room >= reviewMinFieldRows || lipgloss.Height(fields) <= room {
		return fields, notes, room
	}
	bare := m.height - (m.headerHeight() + 1 + keys)
	kept := withoutBlankLines(strings.Split(notes, "\n"))
	if room = bare - len(kept); room >= reviewFewestFieldRows || len(kept) == 0 {
		return fields, notes, max(room, reviewFewestFieldRows)
	}
	return strings.Join(kept, "\n") + "\n" + fields, "", max(bare, reviewFewestFieldRows)
}

// scrolls reports whether the fields are taller than the room they have.
func (s *reviewScreen) scrolls() bool {
	fields, _, room := s.layout()
	return lipgloss.Height(fields) > room
}

// View is the review, or the curl command.
func (s *reviewScreen) View() string {
	m := s.app
	if s.curl != nil {
		return s.curlIntro() + "\n\n" + s.curl.View() + "\n\n" + s.curlKeys()
	}
	heading := m.styles.heading.Render("Review") + m.styles.subtle.Render(" · nothing has been sent yet")
	fields, notes, room := s.layout()
	scrolls := lipgloss.Height(fields) > room
	if scrolls {
		s.rows.SetWidth(max(m.width-2, 20))
		s.rows.SetHeight(room)
		s.rows.SetContent(fields)
		fields = s.rows.View()
		heading += linesShown(m, &s.rows)
	}
	return heading + "\n\n" + fields + "\n" + notes + "\n\n" + s.keysLine(scrolls)
}

// reviewLabelWidth is the width of the review's label column.
var reviewLabelWidth = func() int {
	width := 0
	for _, f := range api.Fields {
		width = max(width, len(f.Label))
	}
	return width + 2
}()
