package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"flexslot-register/api"
	"flexslot-register/validate"
)

// formChrome is the number of lines around the form: the header, a blank line,
// and the status lines under it.
const formChrome = 6

// scopeHelp explains each scope in the multi-select.
var scopeHelp = map[string]string{
	"cards:read":       "read the card database",
	"decks:read":       "read the user's decks",
	"decks:write":      "create and edit decks (implies decks:read)",
	"exports:read":     "download deck exports",
	"guides:read":      "read sideboard guides",
	"guides:write":     "write sideboard guides (implies guides:read)",
	"sideboards:read":  "read sideboards",
	"sideboards:write": "edit sideboards (implies sideboards:read)",
}

var grantHelp = map[string]string{
	validate.GrantAuthorizationCode: "sign users in (required)",
	validate.GrantRefreshToken:      "keep them signed in without asking again",
}

// pages lists the form's fields by page, to find the page a server error
// belongs to.
var pages = [][]string{
	{api.FieldApplicationName, api.FieldClientType},
	{api.FieldRedirectURIs},
	{api.FieldAllowedScopes, api.FieldGrantTypes},
	{api.FieldApplicationURL, api.FieldApplicationLogoURL, api.FieldPrivacyPolicyURL, api.FieldTOSURL},
}

// fieldLabels names request fields the way the form does.
var fieldLabels = map[string]string{
	api.FieldApplicationName:    "Application name",
	api.FieldClientType:         "Client type",
	api.FieldRedirectURIs:       "Redirect URIs",
	api.FieldAllowedScopes:      "Scopes",
	api.FieldGrantTypes:         "Grant types",
	api.FieldApplicationURL:     "Application URL",
	api.FieldApplicationLogoURL: "Logo URL",
	api.FieldPrivacyPolicyURL:   "Privacy policy URL",
	api.FieldTOSURL:             "Terms of service URL",
}

// buildForm makes the four pages, bound to r: every keystroke lands in r, so
// re-opening the form keeps every value. Pages whose fields are all in given
// are skipped.
func buildForm(r *api.CreateClientRequest, given map[string]bool) (*huh.Form, *RedirectURIsField) {
	clientType := huh.NewSelect[string]().
		Key(api.FieldClientType).
		Title("Client type").
		Options(
			huh.NewOption("Confidential: runs on a server you control; gets a secret, shown once", validate.ClientConfidential),
			huh.NewOption("Public: a CLI, native app or SPA; no secret, PKCE only", validate.ClientPublic),
		).
		Value(&r.ClientType)

	redirect := NewRedirectURIsField(&r.RedirectURIs).Key(api.FieldRedirectURIs).
		DescriptionFunc(func() string {
			if r.ClientType == validate.ClientPublic {
				return "One per line (enter starts a new one; a pasted list is split). Native apps and CLIs use a loopback redirect, e.g. " +
					validate.LoopbackRedirectExample + " (any port)."
			}
			return "One per line (enter starts a new one; a pasted list is split). Where users return after signing in, e.g. https://decktracker.example/oauth/callback; https, or http on localhost."
		})

	scopeOptions := make([]huh.Option[string], len(validate.Scopes))
	for i, s := range validate.Scopes {
		scopeOptions[i] = huh.NewOption(fmt.Sprintf("%-17s %s", s, scopeHelp[s]), s)
	}
	grantOptions := make([]huh.Option[string], len(validate.GrantTypes))
	for i, g := range validate.GrantTypes {
		grantOptions[i] = huh.NewOption(fmt.Sprintf("%-19s %s", g, grantHelp[g]), g)
	}

	link := func(field, title, example string, value *string) *huh.Input {
		return huh.NewInput().Key(field).Title(title).Placeholder(example + " (optional)").
			Value(value).Validate(keepOnEmpty(value, validate.OptionalURL))
	}

	form := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Key(api.FieldApplicationName).
				Title("Application name").
				Description("Shown to players when they sign in with flexslot.").
				Value(&r.ApplicationName).
				Validate(keepOnEmpty(&r.ApplicationName, validate.ApplicationName)),
			clientType,
		).Title("Application · 1 of 4").WithHide(pageGiven(0, given)),
		huh.NewGroup(redirect).Title("Redirect URIs · 2 of 4").WithHide(pageGiven(1, given)),
		huh.NewGroup(
			huh.NewMultiSelect[string]().Key(api.FieldAllowedScopes).
				Title("Scopes").
				Description("What the client may ask users for; none is fine for sign-in only.").
				Options(scopeOptions...).
				Value(&r.AllowedScopes).
				Height(2+len(scopeOptions)). // huh's automatic height hides a row
				Validate(validate.AllowedScopes),
			huh.NewMultiSelect[string]().Key(api.FieldGrantTypes).
				Title("Grant types").
				Options(grantOptions...).
				Value(&r.GrantTypes).
				Height(1+len(grantOptions)).
				Validate(validate.GrantTypeList),
		).Title("Access · 3 of 4").WithHide(pageGiven(2, given)),
		huh.NewGroup(
			link(api.FieldApplicationURL, "Application URL", "https://decktracker.example", &r.ApplicationURL),
			link(api.FieldApplicationLogoURL, "Logo URL", "https://decktracker.example/logo.png", &r.ApplicationLogoURL),
			link(api.FieldPrivacyPolicyURL, "Privacy policy URL", "https://decktracker.example/privacy", &r.PrivacyPolicyURL),
			link(api.FieldTOSURL, "Terms of service URL", "https://decktracker.example/terms", &r.TOSURL),
		).Title("Links · 4 of 4").WithHide(pageGiven(3, given)),
	).WithTheme(formTheme).WithShowHelp(true).WithShowErrors(true)
	return form, redirect
}

// pageGiven reports whether every field of a page was given.
func pageGiven(page int, given map[string]bool) bool {
	for _, field := range pages[page] {
		if !given[field] {
			return false
		}
	}
	return true
}

// keepOnEmpty lets an empty answer through when the field already holds a
// value: huh's accessible prompts validate the raw answer before an empty one
// falls back to the current value. In the full-screen form the bound value is
// the typed text, so nothing changes there.
func keepOnEmpty(value *string, rule func(string) error) func(string) error {
	return func(s string) error {
		if s == "" && *value != "" {
			return nil
		}
		return rule(s)
	}
}

// openForm (re-)opens the form with every value kept, focused on the field
// named focus (a request field name) or on the first one.
func (m *Model) openForm(focus string) tea.Cmd {
	if focus != "" {
		m.given = nil // a field the server refused must be reachable
	}
	if m.given != nil && pageGiven(0, m.given) && pageGiven(1, m.given) && pageGiven(2, m.given) && pageGiven(3, m.given) {
		return m.formDone()
	}
	m.form, m.redirect = buildForm(m.req, m.given)
	m.screen = screenForm
	m.resizeForm()
	m.forwardBackground(m.form)
	cmds := []tea.Cmd{m.form.Init()}
	m.redirect.SetServerErrors(m.serverErrorsFor(api.FieldRedirectURIs))
	if focus != "" {
		cmds = append(cmds, m.focusField(focus))
	}
	return tea.Batch(cmds...)
}

// focusField moves the form to the page and field named key. huh applies these
// moves at once; the commands they return only redraw.
func (m *Model) focusField(key string) tea.Cmd {
	page := pageOf(key)
	if page < 0 {
		return nil
	}
	var cmds []tea.Cmd
	for range page {
		cmds = append(cmds, m.form.NextGroup())
	}
	for m.form.GetFocusedField().GetKey() != key {
		before := m.form.GetFocusedField()
		cmd := m.form.NextField()
		if m.form.GetFocusedField() == before {
			break // the last field: its command would leave the page
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func pageOf(field string) int {
	for i, p := range pages {
		if slices.Contains(p, field) {
			return i
		}
	}
	return -1
}

// resizeForm fits the form between the header and the status lines.
func (m *Model) resizeForm() {
	if m.form != nil {
		m.form.WithWidth(max(m.width-2, 20)).WithHeight(max(m.height-formChrome, 8))
	}
	if m.tokenForm != nil {
		m.tokenForm.WithWidth(max(m.width-2, 20))
	}
}

func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	switch m.form.State {
	case huh.StateAborted:
		return m.quit(OutcomeCancelled, nil)
	case huh.StateCompleted:
		return m.formDone()
	}
	return cmd
}

// formDone moves on from a complete form: to the review, or straight to the
// submission with --yes.
func (m *Model) formDone() tea.Cmd {
	if m.cfg.SkipReview {
		return m.submit()
	}
	m.screen = screenReview
	m.showCurl = false
	return nil
}

// formView is the form with, under it, the name's character count and the
// server's complaints about the page's fields that have not been edited since.
func (m *Model) formView() string {
	var b strings.Builder
	b.WriteString(m.form.View())
	focused := m.form.GetFocusedField().GetKey()
	if focused == api.FieldApplicationName {
		n := utf8.RuneCountInString(strings.TrimSpace(m.req.ApplicationName))
		style := m.styles.subtle
		if n > validate.MaxApplicationNameLength {
			style = m.styles.errorText
		}
		b.WriteString("\n" + style.Render(fmt.Sprintf("%d/%d characters", n, validate.MaxApplicationNameLength)))
	}
	page := pageOf(focused)
	for _, fe := range m.serverErrs {
		if fe.Field == api.FieldRedirectURIs || pageOf(fe.Field) != page || m.fieldValue(fe.Field) != m.serverVals[fe.Field] {
			continue
		}
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+fieldLabels[fe.Field]+" (server): "+fe.Message, m.width-2)))
	}
	return b.String()
}

// fieldValue is a request field's value as text, to tell whether the user
// edited it since the server complained.
func (m *Model) fieldValue(field string) string {
	data, _ := jsonField(*m.req, field)
	return data
}

// serverErrorsFor returns the server's errors for one field.
func (m *Model) serverErrorsFor(field string) []api.FieldError {
	var out []api.FieldError
	for _, fe := range m.serverErrs {
		if fe.Field == field {
			out = append(out, fe)
		}
	}
	return out
}
