package ui

import (
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flexslot-register/api"
	"flexslot-register/cli/advice"
	"flexslot-register/validate"
)

func (m *Model) updateReview(msg tea.Msg) tea.Cmd {
	keyMsg, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if m.showCurl {
		if key.Matches(keyMsg, m.keys.Back) {
			m.showCurl = false
		}
		return nil
	}
	switch {
	case key.Matches(keyMsg, m.keys.Create):
		return m.submit()
	case key.Matches(keyMsg, m.keys.Edit):
		m.given = nil // edit shows every page
		return m.openForm("")
	case key.Matches(keyMsg, m.keys.Curl):
		m.showCurl = true
	case key.Matches(keyMsg, m.keys.Cancel):
		return m.quit(OutcomeCancelled, nil)
	}
	return nil
}

// reviewView shows everything that will be sent, on one screen. Nothing is
// sent before the user confirms here.
func (m *Model) reviewView() string {
	if m.showCurl {
		// The help comes first: a long request may run past the window's end.
		return m.styles.heading.Render("The same request with curl") + "  " + m.helpLine(m.keys.Back) + "\n" +
			m.styles.subtle.Render("The token is read from $FLEXSLOT_TOKEN, so it never lands in your shell history.") + "\n\n" +
			m.styles.code.Render(api.CurlCreate(m.baseURL(), *m.req))
	}
	r := m.req
	var b strings.Builder
	b.WriteString(m.styles.heading.Render("Review") + m.styles.subtle.Render(" · nothing has been sent yet") + "\n\n")
	for _, row := range reviewRows(*r) {
		b.WriteString(m.styles.label.Render(padRight(row.label, reviewLabelWidth)) + m.styles.value.Render(row.value) + "\n")
	}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(r.RedirectURIs)) {
		if p.Warning {
			b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+p.Message, m.width-4)))
		}
	}
	if len(r.AllowedScopes) == 0 {
		b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+advice.NoScopes, m.width-4)))
	}
	for _, note := range m.refusalNotes() {
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+note, m.width-4)))
	}
	b.WriteString("\n\n" + m.helpLine(m.keys.Create, m.keys.Edit, m.keys.Curl, m.keys.Cancel))
	return b.String()
}

// refusalNotes are the server's refusals of the request as it stands: once
// the user edits it, they are about another request.
func (m *Model) refusalNotes() []string {
	if len(m.refusal) == 0 || m.refusedAs != requestKey(*m.req) {
		return nil
	}
	return m.refusal
}

// requestKey identifies a request's content.
func requestKey(r api.CreateClientRequest) string {
	data, _ := json.Marshal(r)
	return string(data)
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

// baseURL is the API the request goes to.
func (m *Model) baseURL() string {
	if m.client == nil {
		return ""
	}
	return m.client.BaseURL()
}
