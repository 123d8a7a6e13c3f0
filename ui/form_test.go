package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestFormUsesEveryRow: on every page, at every size, under a header of
// two lines or of three (a sandbox's API address), the form fills the
// window to its last row: the page gets every row the header, the help
// line (as it wraps for the focused field) and the lines under it leave.
// A fixed budget for them cut the Access page's last line (refresh_token)
// under a three-line header at 80x24 and left three rows empty.
func TestFormUsesEveryRow(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 16}, {100, 30}} {
		for _, base := range []string{"", "http://127.0.0.1:41234"} {
			for _, f := range api.Fields {
				t.Run(fmt.Sprintf("%dx%d %q %s", size[0], size[1], base, f.JSON), func(t *testing.T) {
					m := benchModel(t, 2)
					m.cfg.BaseURL = base
					m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					openAt(m, f.JSON)
					view := ansi.Strip(m.View().Content)
					lines := strings.Split(view, "\n")
					if len(lines) != size[1] {
						t.Errorf("%d lines in a window of %d:\n%s", len(lines), size[1], view)
					}
					if strings.Contains(view, "more lines") {
						t.Errorf("the frame was cut:\n%s", view)
					}
				})
			}
		}
	}
}

// TestPageViewIsHuhs: the form screen draws the focused page itself; it must
// draw what huh's form draws, on every page, at every size, with errors under
// the fields and with a page taller than the window.
func TestPageViewIsHuhs(t *testing.T) {
	sizes := [][2]int{{80, 24}, {60, 16}, {40, 12}, {120, 40}, {80, 10}}
	tests := []struct {
		name  string
		setup func(r *api.CreateClientRequest)
		field string
		keys  []string
	}{
		{"name", nil, api.FieldApplicationName, nil},
		{"client type", nil, api.FieldClientType, []string{"down"}},
		{"redirect URIs, many", func(r *api.CreateClientRequest) {
			r.RedirectURIs = append(r.RedirectURIs, "http://x", "ftp://y", "https://decktracker.example/cb")
		}, api.FieldRedirectURIs, []string{"down", "down"}},
		{"scopes", nil, api.FieldAllowedScopes, []string{"down", "x", "j"}},
		{"grant types with an error", func(r *api.CreateClientRequest) { r.GrantTypes = []string{"refresh_token"} },
			api.FieldGrantTypes, []string{"enter"}},
		{"a link with an error", nil, api.FieldPrivacyPolicyURL, []string{"h", "t", "enter"}},
		{"the last link", nil, api.FieldTOSURL, nil},
	}
	for _, tt := range tests {
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s %dx%d", tt.name, size[0], size[1]), func(t *testing.T) {
				m := benchModel(t, 2)
				if tt.setup != nil {
					tt.setup(m.req)
				}
				m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				openAt(m, tt.field)
				s := m.current.(*formScreen)
				for _, k := range tt.keys {
					m.Update(uitest.KeyNamed(k))
				}
				if got, want := s.pageView(), s.form.View(); got != want {
					t.Errorf("drawn as\n%s\nhuh draws\n%s", got, want)
				}
			})
		}
	}
}

// TestFramedHeaderFollowsWhatItShows: the form keeps its framed header
// between keys; a new size, background or partner draws it again.
func TestFramedHeaderFollowsWhatItShows(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Model)
		want   string
	}{
		{"narrower", func(m *Model) { m.Update(tea.WindowSizeMsg{Width: 50, Height: 24}) }, "\n (active, standard tier)"},
		{"another partner", func(m *Model) {
			m.partner = &api.Partner{Name: "Other Decks", Status: api.StatusActive, RateLimitTier: "pro"}
			m.Update(typeX)
		}, "partner Other Decks (active, pro tier)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := benchModel(t, 2)
			openAt(m, api.FieldApplicationName)
			if before := ansi.Strip(m.View().Content); strings.Contains(before, tt.want) {
				t.Fatalf("shows %q before the change:\n%s", tt.want, before)
			}
			tt.change(m)
			if after := ansi.Strip(m.View().Content); !strings.Contains(after, tt.want) {
				t.Errorf("lacks %q after the change:\n%s", tt.want, after)
			}
		})
	}
}

// TestFormFitsUnderATallHeader: a header that wraps (a sandbox's API address
// at 80 columns takes three lines) leaves the form less room, so that the
// page, its errors and the help fit the window as they are, blank lines
// kept; before, the window was one line short and every blank line was cut.
func TestFormFitsUnderATallHeader(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := benchModel(t, 2)
			m.cfg.BaseURL = "http://127.0.0.1:46693/" + strings.Repeat("x", size[0]-80)
			m.req.GrantTypes = []string{"refresh_token"}
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			openAt(m, api.FieldGrantTypes)
			m.Update(uitest.KeyNamed("enter")) // refused: refresh_token needs authorization_code
			view := ansi.Strip(m.View().Content)
			lines := strings.Split(view, "\n")
			at := func(s string) int {
				return slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, s) })
			}
			title := at("Access · 3 of 4")
			if at("46693") <= at("token flx_pat") || title < 0 {
				t.Fatalf("the API address does not wrap under the token, or no page shows:\n%s", view)
			}
			if !strings.Contains(view, "needs authorization_code") {
				t.Fatalf("no error shows:\n%s", view)
			}
			if len(lines) > size[1] {
				t.Errorf("%d lines in a window of %d", len(lines), size[1])
			}
			if strings.TrimSpace(lines[title-1]) != "" {
				t.Errorf("no blank line under the header (the frame was squeezed):\n%s", view)
			}
		})
	}
}

// TestLackedScopeCommandIsWhole: the Access page's hint gives the command
// that asks for a lacked scope, with the flags of this run's API
// (advice.SetAPI); however long the --api-url, no part of it is cut at the
// window's edge, and its lines pasted together are the command.
func TestLackedScopeCommandIsWhole(t *testing.T) {
	const apiURL = "https://partner-api.staging.flexslot.example/v1"
	advice.SetAPI(false, apiURL)
	t.Cleanup(func() { advice.SetAPI(false, "") })
	_, want := advice.LackedScopes([]string{"exports:read"})
	for _, size := range [][2]int{{80, 24}, {60, 16}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := benchModel(t, 2)
			m.cfg.BaseURL = apiURL
			m.req.AllowedScopes = []string{"decks:read", "exports:read"}
			m.partner.Scopes = []string{"cards:read", "decks:read", "decks:write"}
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			openAt(m, api.FieldAllowedScopes)
			view := ansi.Strip(m.View().Content)
			lines := strings.Split(view, "\n")
			for _, line := range lines {
				if w := ansi.StringWidth(line); w > size[0] {
					t.Errorf("a line %d wide, past the window's %d: %q", w, size[0], line)
				}
			}
			first := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "flexslot-register request-scopes") })
			if first < 0 {
				t.Fatalf("no command:\n%s", view)
			}
			var command []string
			for _, line := range lines[first:] {
				command = append(command, strings.TrimSpace(line))
				if !strings.HasSuffix(strings.TrimRight(line, " "), `\`) {
					break
				}
			}
			if pasted := shellWords(strings.ReplaceAll(strings.Join(command, "\n"), "\\\n", "")); !slices.Equal(pasted, shellWords(want)) {
				t.Errorf("the command's lines pasted are %q, want %q:\n%s", pasted, want, view)
			}
		})
	}
}
