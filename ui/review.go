package ui

import (
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"flexslot-register/api"
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
		b.WriteString(m.styles.label.Render(padRight(row.label, 20)) + m.styles.value.Render(row.value) + "\n")
	}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(r.RedirectURIs)) {
		if p.Warning {
			b.WriteString("\n" + m.styles.warning.Render(wrapText("! "+p.Message, m.width-4)))
		}
	}
	for _, note := range m.reviewNotes {
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+note, m.width-4)))
	}
	b.WriteString("\n\n" + m.helpLine(m.keys.Create, m.keys.Edit, m.keys.Curl, m.keys.Cancel))
	return b.String()
}

// reviewRow is one line of the review: a label (empty under a list's first
// item) and a value.
type reviewRow struct{ label, value string }

// reviewRows lists what will be sent, in the form's order, for the review
// screen and the accessible review alike.
func reviewRows(r api.CreateClientRequest) []reviewRow {
	kind := "confidential (gets a secret, shown once)"
	if r.ClientType == validate.ClientPublic {
		kind = "public (no secret, PKCE only)"
	}
	rows := []reviewRow{{"Application name", r.ApplicationName}, {"Client type", kind}}
	for i, uri := range r.RedirectURIs {
		label := ""
		if i == 0 {
			label = "Redirect URIs"
		}
		rows = append(rows, reviewRow{label, uri})
	}
	return append(rows,
		reviewRow{"Scopes", orNone(strings.Join(r.AllowedScopes, " "))},
		reviewRow{"Grant types", orNone(strings.Join(r.GrantTypes, " "))},
		reviewRow{"Application URL", orNone(r.ApplicationURL)},
		reviewRow{"Logo URL", orNone(r.ApplicationLogoURL)},
		reviewRow{"Privacy policy", orNone(r.PrivacyPolicyURL)},
		reviewRow{"Terms of service", orNone(r.TOSURL)},
	)
}

// baseURL is the API the request goes to.
func (m *Model) baseURL() string {
	if m.client == nil {
		return ""
	}
	return m.client.BaseURL()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s + " "
	}
	return s + strings.Repeat(" ", n-len(s))
}

// jsonField returns one field of the request as the JSON it is sent as.
func jsonField(r api.CreateClientRequest, field string) (string, bool) {
	data, err := json.Marshal(r)
	if err != nil {
		return "", false
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return "", false
	}
	v, ok := fields[field]
	return string(v), ok
}
