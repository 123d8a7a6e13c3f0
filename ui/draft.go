package ui

import (
	"errors"
	"io/fs"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
)

// draftScreen offers, when the user leaves before anything was sent, to keep
// the answers as a manifest that --from resumes from.
type draftScreen struct {
	app  *Model
	path textinput.Model
	// replacing is the path the user was told exists: enter on it again
	// replaces the file.
	replacing string
	status    string
}

// draftSavedMsg is the outcome of writing a draft.
type draftSavedMsg struct {
	path string
	err  error
}

// leaveUnsent leaves before anything was sent: through the draft offer when
// there are answers worth keeping, else at once.
func (m *Model) leaveUnsent() tea.Cmd {
	if !api.HasAnswers(*m.req) {
		return m.quit(flow.OutcomeCancelled, nil)
	}
	s := &draftScreen{app: m, path: textinput.New()}
	s.path.Prompt = "Save to: "
	s.path.SetValue(m.cfg.DraftPath)
	s.path.SetWidth(max(m.width-14, 20))
	m.current = s
	return s.path.Focus()
}

// Update saves on enter (asking once before it replaces a file), leaves
// without saving on esc, and passes the rest to the path.
func (s *draftScreen) Update(msg tea.Msg) tea.Cmd {
	m := s.app
	switch msg := msg.(type) {
	case draftSavedMsg:
		switch {
		case errors.Is(msg.err, fs.ErrExist):
			s.replacing = msg.path
			s.status = msg.path + " exists: enter again replaces it, or change the path."
		case msg.err != nil:
			s.status = "Could not save the draft: " + msg.err.Error()
		default:
			m.result.DraftSaved = msg.path
			return m.quit(flow.OutcomeCancelled, nil)
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.KeepDraft):
			path := strings.TrimSpace(s.path.Value())
			if path == "" {
				s.status = "Type a path to save to, or press esc to leave without saving."
				return nil
			}
			data, _ := api.Draft(*m.req)
			replace := path == s.replacing
			return func() tea.Msg {
				saved, err := secretfile.SaveNew(path, string(data), replace)
				return draftSavedMsg{saved, err}
			}
		case key.Matches(msg, m.keys.DropDraft):
			return m.quit(flow.OutcomeCancelled, nil)
		}
	}
	var cmd tea.Cmd
	s.path, cmd = s.path.Update(msg)
	if strings.TrimSpace(s.path.Value()) != s.replacing {
		s.replacing = ""
	}
	return cmd
}

// View says what a draft keeps, and what it leaves out.
func (s *draftScreen) View() string {
	m := s.app
	width := max(m.width-4, 10)
	_, dropped := api.Draft(*m.req)
	var b strings.Builder
	b.WriteString(m.styles.heading.Render("Keep your answers?") + m.styles.subtle.Render(" · nothing was registered") + "\n\n")
	b.WriteString(wrapText("They go to a manifest of the request's fields (no token, no secret), readable by you only; `--from` resumes from it, at the first page with something missing.", width) + "\n")
	if len(dropped) > 0 {
		b.WriteString(m.styles.warning.Render(wrapText("! Not kept, since they are not valid yet: "+strings.Join(dropped, ", ")+".", width)) + "\n")
	}
	b.WriteString("\n" + s.path.View() + "\n")
	if s.status != "" {
		style := m.styles.warning
		if s.replacing == "" {
			style = m.styles.errorText
		}
		b.WriteString(style.Render(wrapText(s.status, width)) + "\n")
	}
	keep := m.keys.KeepDraft
	if s.replacing != "" {
		keep.SetHelp("enter", "replace it")
	}
	return b.String() + "\n" + m.helpLine(keep, m.keys.DropDraft)
}
