package ui

import (
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flexslot/flexslot-register/api"
)

// formModel runs a huh form as request-scopes does, keeping its last view
// without escapes (huh styles its view itself, whatever the profile).
type formModel struct {
	form  *huh.Form
	sized bool // the window's size has come: views before it are not shown
	frame atomic.Pointer[string]
}

func (m *formModel) Init() tea.Cmd { return m.form.Init() }

func (m *formModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		m.sized = true
	}
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	if m.form.State != huh.StateNormal {
		return m, tea.Quit
	}
	return m, cmd
}

func (m *formModel) View() tea.View {
	view := m.form.View()
	if m.sized {
		plain := ansi.Strip(view)
		m.frame.Store(&plain)
	}
	return tea.NewView(view)
}

// TestScopeRequestFormScreens: request-scopes's form in a terminal, at
// 80x24 and 60x16: the scopes, then a justification too short, said at its
// field with what was typed kept.
func TestScopeRequestFormScreens(t *testing.T) {
	tests := []struct {
		name  string
		req   api.ScopeRequest
		drive func(*testing.T, *teatest.TestModel, *formModel)
		want  string
	}{
		{"scope_request_form", api.ScopeRequest{}, func(*testing.T, *teatest.TestModel, *formModel) {}, "Scopes to ask for"},
		{"scope_request_form_enter_with_none", api.ScopeRequest{}, func(t *testing.T, tm *teatest.TestModel, m *formModel) {
			tm.Send(keyEnter)
		}, "choose at least one scope"},
		{"scope_request_form_too_short", api.ScopeRequest{RequestedScopes: []string{"exports:read"}},
			func(t *testing.T, tm *teatest.TestModel, m *formModel) {
				tm.Type("short")
				waitFrame(t, m, "> short")
				tm.Send(keyEnter)
				waitFrame(t, m, "at least 10 characters")
			}, "this has 5"},
	}
	for _, tt := range tests {
		for _, size := range [][2]int{{80, 24}, {60, 16}} {
			t.Run(fmt.Sprintf("%s/%dx%d", tt.name, size[0], size[1]), func(t *testing.T) {
				req := tt.req
				m := &formModel{form: ScopeRequestForm(&req)} // as request-scopes runs it: no width or height set
				tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]),
					teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color"})))
				waitFrame(t, m, "")
				tt.drive(t, tm, m)
				view := waitFrame(t, m, tt.want)
				// An inline form taller than the window loses its top lines.
				if lines := strings.Count(strings.TrimRight(view, "\n"), "\n") + 1; lines > size[1] {
					t.Errorf("%d lines do not fit a window of %d:\n%s", lines, size[1], view)
				}
				tm.Send(keyCtrlC)
				tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
				teatestGolden(t, view)
			})
		}
	}
	if ScopeRequestForm(&api.ScopeRequest{RequestedScopes: []string{"exports:read"}, Justification: "Players export their decks."}) != nil {
		t.Error("a form although the flags gave everything")
	}
}

// waitFrame waits until the form's last view holds want, and returns it.
func waitFrame(t *testing.T, m *formModel, want string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if p := m.frame.Load(); p != nil && strings.Contains(*p, want) {
			return *p
		}
		if time.Now().After(deadline) {
			var last string
			if p := m.frame.Load(); p != nil {
				last = *p
			}
			t.Fatalf("no %q in:\n%s", want, last)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
