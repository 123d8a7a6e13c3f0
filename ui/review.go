package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
	"flexslot-register/validate"
)

// reviewScreen shows everything that will be sent, on one screen; nothing is
// sent before the user confirms here. p shows the same request as a curl
// command, scrolled in a viewport when it is taller than the window.
type reviewScreen struct {
	app  *Model
	curl *viewport.Model // nil while the review shows
}

func newReviewScreen(app *Model) *reviewScreen { return &reviewScreen{app: app} }

// Update acts on the keys the help line shows, and on no other.
func (s *reviewScreen) Update(msg tea.Msg) tea.Cmd {
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
	switch {
	case key.Matches(keyMsg, m.keys.Create):
		return m.submit()
	case key.Matches(keyMsg, m.keys.Edit):
		return m.editForm()
	case key.Matches(keyMsg, m.keys.Curl):
		vp := viewport.New()
		vp.KeyMap = m.keys.scroll
		vp.SoftWrap = true
		vp.SetContent(m.styles.code.Render(validate.SanitizeLines(api.CurlCreate(m.baseURL(), *m.req))))
		s.curl = &vp
		s.resize()
	case key.Matches(keyMsg, m.keys.Cancel):
		return m.quit(OutcomeCancelled, nil)
	}
	return nil
}

// curlIntro heads the curl view, with which lines show when not all do.
func (s *reviewScreen) curlIntro() string {
	m := s.app
	heading := m.styles.heading.Render("The same request with curl")
	if total, shown := s.curl.TotalLineCount(), s.curl.VisibleLineCount(); shown < total {
		first := s.curl.YOffset() + 1
		heading += m.styles.subtle.Render(fmt.Sprintf(" · lines %d–%d of %d", first, first+shown-1, total))
	}
	return heading + "\n" +
		m.styles.subtle.Render(wrapText("The token is read from $FLEXSLOT_TOKEN, so it never lands in your shell history.", m.width-4))
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
	used := lipgloss.Height(m.header()) + 1 + lipgloss.Height(s.curlIntro()) + 1 + 1 + lipgloss.Height(s.curlKeys())
	s.curl.SetWidth(max(m.width-2, 20))
	s.curl.SetHeight(max(m.height-used, 3))
}

// View is the review, or the curl command.
func (s *reviewScreen) View() string {
	m := s.app
	if s.curl != nil {
		return s.curlIntro() + "\n\n" + s.curl.View() + "\n\n" + s.curlKeys()
	}
	r := m.req
	var b strings.Builder
	b.WriteString(m.styles.heading.Render("Review") + m.styles.subtle.Render(" · nothing has been sent yet") + "\n\n")
	for _, row := range reviewRows(*r) {
		b.WriteString(m.styles.label.Render(padRight(row.label, reviewLabelWidth)) + m.styles.value.Render(row.value) + "\n")
	}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(r.RedirectURIs)) {
		if p.Warning {
			b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+validate.Sanitize(p.Message), m.width-4)))
		}
	}
	if len(r.AllowedScopes) == 0 {
		b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+advice.NoScopes, m.width-4)))
	}
	for _, note := range m.refusal.notesFor(*r) {
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+note, m.width-4)))
	}
	b.WriteString("\n\n" + m.helpLine(m.keys.Create, m.keys.Edit, m.keys.Curl, m.keys.Cancel))
	return b.String()
}

// reviewRow is one line of the review: a label (empty under a list's first
// item) and a value.
type reviewRow struct{ label, value string }

// reviewRows lists what will be sent, field by field from api.Fields, for the
// review screen and the accessible review alike. Values are cleaned for the
// terminal: a manifest's may hold anything.
func reviewRows(r api.CreateClientRequest) []reviewRow {
	var rows []reviewRow
	for _, f := range api.Fields {
		values := f.Values(r)
		switch {
		case f.Kind == api.KindURIList:
			for i, v := range values {
				label := ""
				if i == 0 {
					label = f.Label
				}
				rows = append(rows, reviewRow{label, validate.Sanitize(v)})
			}
		case f.Kind == api.KindChoice && len(values) == 1 && f.OptionNote(values[0]) != "":
			rows = append(rows, reviewRow{f.Label, validate.Sanitize(values[0]) + " (" + f.OptionNote(values[0]) + ")"})
		default:
			rows = append(rows, reviewRow{f.Label, orNone(validate.Sanitize(strings.Join(values, " ")))})
		}
	}
	return rows
}

// reviewLabelWidth is the width of the review's label column.
var reviewLabelWidth = func() int {
	width := 0
	for _, f := range api.Fields {
		width = max(width, len(f.Label))
	}
	return width + 2
}()
