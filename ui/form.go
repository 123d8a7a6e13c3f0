package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/ui/field"
	"github.com/flexslot/flexslot-register/validate"
)

// formChrome is the number of blank lines around the form: one under the
// header and one above the help line. Everything else under the page (the
// help line as it wraps, the status lines, huh's errors under the fields)
// is measured as it is drawn (resize).
const formChrome = 2

// formMinHeight is the fewest lines the page gets, however short the window:
// below it the frame is cut to fit (Model.fit) instead.
const formMinHeight = 8

// buildForm makes the form's pages from api.Fields, bound to r: every
// keystroke lands in r, so re-opening the form keeps every value. Pages that
// ask for nothing, given what was given (see asked), are left out of the
// form: a hidden huh group would still show until the form's first command
// moves past it, and huh's line prompts ask hidden groups all the same.
func buildForm(r *api.CreateClientRequest, given map[string]bool) (*huh.Form, *field.RedirectURIsField, []formPage) {
	var redirect *field.RedirectURIsField
	var groups []*huh.Group
	pages := make([]formPage, len(api.Pages))
	for page, title := range api.Pages {
		var fields []huh.Field
		for _, f := range api.FieldsOn(page) {
			switch f.Kind {
			case api.KindText:
				fields = append(fields, field.Blurred(huh.NewInput().Key(f.JSON).Title(f.Label).Description(f.Help).
					Value(f.Text(r)).Validate(field.KeepOnEmpty(f.Text(r), f.CheckText))))
			case api.KindLink:
				fields = append(fields, field.Blurred(huh.NewInput().Key(f.JSON).Title(f.Label).Placeholder(f.Example+" (optional)").
					Value(f.Text(r)).Validate(field.KeepOnEmpty(f.Text(r), f.CheckText))))
			case api.KindChoice:
				fields = append(fields, field.Blurred(huh.NewSelect[string]().Key(f.JSON).Title(f.Label).Options(field.ChoiceOptions(f)...).Value(f.Text(r))))
			case api.KindMulti:
				fields = append(fields, field.NewChoicesField(f.List(r), f.Options).Key(f.JSON).Title(f.Label).
					Description(f.Help).Validate(f.CheckList))
			case api.KindURIList:
				redirect = field.NewRedirectURIsField(f.List(r)).Key(f.JSON).Title(f.Label).DescriptionFunc(field.RedirectHelp(f, r))
				fields = append(fields, redirect)
			}
		}
		pages[page] = formPage{title: fmt.Sprintf("%s · %d of %d", title, page+1, len(api.Pages)), fields: fields}
		if !flow.PageSkipped(page, given) {
			groups = append(groups, huh.NewGroup(fields...).Title(pages[page].title))
		}
	}
	// The help line is drawn by the form screen, wrapped so that no key is
	// cut at any width; huh's would truncate it.
	form := huh.NewForm(groups...).WithTheme(field.Theme).WithShowHelp(false).WithShowErrors(true)
	return form, redirect, pages
}

// formScreen is the form's pages, with under them the name's character count
// and the server's complaints about the page's fields.
type formScreen struct {
	app      *Model
	form     *huh.Form
	redirect *field.RedirectURIsField
	pages    []formPage
	// The form's size, as resize last gave it, and the lines of the errors
	// under the fields then.
	width, height, footer int
}

// newFormScreen opens the form with every value kept, focused on the first
// field of refused, if any.
func newFormScreen(app *Model, refused []api.FieldError) (*formScreen, tea.Cmd) {
	s := &formScreen{app: app}
	s.form, s.redirect, s.pages = buildForm(app.req, app.given)
	s.resize()
	cmds := []tea.Cmd{app.startForm(s.form)}
	s.redirect.SetServerErrors(app.refusal.fieldErrorsFor(api.FieldRedirectURIs))
	if len(refused) > 0 {
		first := refused[0].Field
		for _, fe := range refused {
			if api.PageOf(fe.Field) < api.PageOf(first) {
				first = fe.Field
			}
		}
		cmds = append(cmds, s.focusField(first))
		s.resize() // for the help and errors of the field focused
	}
	return s, tea.Batch(cmds...)
}

// focusField moves the form to the page and field named key. huh applies these
// moves at once; the commands they return only redraw.
func (s *formScreen) focusField(key string) tea.Cmd {
	page := api.PageOf(key)
	if page < 0 {
		return nil
	}
	var cmds []tea.Cmd
	for range page { // a group a page at most
		if api.PageOf(s.form.GetFocusedField().GetKey()) >= page {
			break
		}
		cmds = append(cmds, s.form.NextGroup())
	}
	for s.form.GetFocusedField().GetKey() != key {
		before := s.form.GetFocusedField()
		cmd := s.form.NextField()
		if s.form.GetFocusedField() == before {
			break // the last field: its command would leave the page
		}
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// resize fits the page between the header and the lines under it, as they
// are drawn now: the help line of the focused field, wrapped to the window,
// the status lines under it and huh's errors under the fields. Update calls
// it after every message, so the page always has every row they leave, and
// no more: a fixed budget either cut the page's last lines or left rows
// empty. huh is told only when the size changes.
func (s *formScreen) resize() {
	m := s.app
	width := max(m.width-2, 20)
	under := lipgloss.Height(m.helpLine(s.helpBindings()...)) + strings.Count(s.statusLines(), "\n")
	height := m.height - m.headerHeight() - formChrome - under
	footer := 0
	if p, ok := s.focusedPage(); ok {
		if f := s.errorsFooter(p, field.Theme.Theme(m.isDark), width); f != "" {
			// huh draws a blank line and the errors under its viewport, which it
			// shortens by the errors only: the page is a line taller than the
			// height it is given.
			footer = lipgloss.Height(f)
			height--
		}
	}
	height = max(height, formMinHeight)
	if width == s.width && height == s.height && footer == s.footer {
		return
	}
	s.width, s.height, s.footer = width, height, footer
	s.form.WithWidth(width).WithHeight(height)
	// The page's title takes a line; huh shrinks a field only when it is
	// already taller than the page, so the editor is told before it grows.
	s.redirect.WithHeight(height - 1 - footer)
	// huh scrolls its page to the focused field as it updates, for the
	// height it had then: a message it ignores scrolls it for this one
	// (its fields answer it with no command).
	s.form.Update(pageResizedMsg{})
}

// pageResizedMsg tells huh's form that its page has a new height.
type pageResizedMsg struct{}

// Update leaves on esc or ctrl+c, through the draft offer as from the
// review, and passes everything else to the form; a complete form moves on.
func (s *formScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.app.keys.LeaveForm) {
		return s.app.leaveUnsent()
	}
	f, cmd := s.form.Update(msg)
	s.form = f.(*huh.Form)
	switch s.form.State {
	case huh.StateAborted:
		return s.app.leaveUnsent()
	case huh.StateCompleted:
		return s.app.formDone()
	}
	s.resize()
	return cmd
}

// helpBindings are the keys of the focused field, then the way out.
func (s *formScreen) helpBindings() []key.Binding {
	return append(slices.Clip(s.form.KeyBinds()), s.app.keys.LeaveForm)
}

// nameCountFrom is the length from which the name's character count shows:
// near the limit, where it helps; before that it would only redraw a line at
// every key.
const nameCountFrom = validate.MaxApplicationNameLength * 4 / 5

// View is the form, its help line and the status lines under them.
func (s *formScreen) View() string {
	return s.pageView() + "\n\n" + s.app.helpLine(s.helpBindings()...) + s.statusLines()
}

// statusLines are the lines under the help, each after a line break: the
// name's character count once it nears the limit, the scopes the partner
// account lacks with the command that asks for them, and the server's
// complaints about the page's fields that have not been edited since.
func (s *formScreen) statusLines() string {
	m := s.app
	var b strings.Builder
	focused := s.form.GetFocusedField().GetKey()
	if n := utf8.RuneCountInString(strings.TrimSpace(m.req.ApplicationName)); focused == api.FieldApplicationName && n >= nameCountFrom {
		style := m.styles.subtle
		if n > validate.MaxApplicationNameLength {
			style = m.styles.errorText
		}
		b.WriteString("\n" + style.Render(fmt.Sprintf("%d/%d characters", n, validate.MaxApplicationNameLength)))
	}
	page := api.PageOf(focused)
	if f, _ := api.FieldNamed(api.FieldAllowedScopes); f.Page == page {
		if lacked := m.lackedScopes(); len(lacked) > 0 {
			words, command := advice.LackedScopes(lacked)
			b.WriteString("\n" + m.styles.warning.Render(wrapText(words, m.width-2)) + "\n" +
				m.styles.code.Render(indentBy(commandLines(command, m.width-4), commandIndent)))
		}
	}
	for _, fe := range m.refusal.fields {
		f, _ := api.FieldNamed(fe.Field)
		if f.Kind == api.KindURIList || f.Page != page || !m.refusal.stands(*m.req, fe) {
			continue
		}
		b.WriteString("\n" + m.styles.errorText.Render(wrapText("✗ "+f.Label+" (server): "+fe.Message, m.width-2)))
	}
	return b.String()
}

// lackedScopes are the chosen scopes the partner account does not have, as
// GET /me/partner lists them (flow.LackedScopes).
func (m *Model) lackedScopes() []string { return flow.LackedScopes(m.partner, m.req.AllowedScopes) }
