package field

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// huhMultiSelect is the huh field the form used before ChoicesField, set up
// as it was but for its filter.
func huhMultiSelect(f api.Field, value *[]string) *huh.MultiSelect[string] {
	field := NewChoicesField(value, f.Options)
	options := make([]huh.Option[string], len(f.Options))
	for i, o := range f.Options {
		options[i] = huh.NewOption(field.labels[i], o.Value)
	}
	height := 1 + len(options)
	ms := huh.NewMultiSelect[string]().Filterable(false).Key(f.JSON).Title(f.Label).Options(options...).Value(value).Validate(f.CheckList)
	if f.Help != "" {
		ms.Description(f.Help)
		height++
	}
	return ms.Height(height)
}

// trimLines drops the blanks at the end of each line: huh pads its last
// option's line one cell short of the others.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// TestChoicesFieldAnswersAsHuh drives ChoicesField and huh's MultiSelect with
// the same keys, at the same size and place in a form, and wants the same
// value, the same error, the same command and the same drawing after every
// key, wherever no chosen option includes another and the description takes
// one line (huh's height is set for that: a longer one hides the last option).
func TestChoicesFieldAnswersAsHuh(t *testing.T) {
	scopes, _ := api.FieldNamed(api.FieldAllowedScopes)
	grants, _ := api.FieldNamed(api.FieldGrantTypes)
	tests := []struct {
		name   string
		field  api.Field
		start  []string
		width  int
		height int // 0: as tall as it needs
		keys   []string
		last   bool // the form's last field: enter submits
	}{
		{"move and toggle", scopes, []string{"decks:read"}, 78, 0, []string{"down", "x", "j", "j", "space", "k", "up", "up", "x", "end", "G", "home", "g", "ctrl+n", "ctrl+p"}, false},
		{"past both ends", scopes, nil, 78, 0, []string{"up", "k", "x", "end", "down", "j", "k", "x"}, false},
		{"select all, then none", scopes, []string{"cards:read"}, 78, 0, []string{"ctrl+a", "ctrl+a", "ctrl+a"}, false},
		{"half pages in a short window", scopes, []string{"exports:read"}, 78, 6, []string{"ctrl+d", "ctrl+d", "x", "ctrl+u", "down", "down", "down", "down", "down", "up"}, false},
		{"grant types", grants, []string{"authorization_code"}, 58, 0, []string{"down", "x", "down", "ctrl+a", "ctrl+a"}, false},
		{"an error stops leaving", grants, []string{"refresh_token"}, 78, 0, []string{"enter", "tab", "shift+tab", "x", "enter"}, false},
		{"none chosen", grants, nil, 78, 0, []string{"enter", "x", "down", "x", "x", "tab"}, false},
		{"leaving backwards", scopes, []string{"cards:read"}, 78, 0, []string{"shift+tab"}, false},
		{"the form's last field", grants, []string{"refresh_token"}, 78, 0, []string{"enter", "x", "enter"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ours, theirs := slices.Clone(tt.start), slices.Clone(tt.start)
			f := NewChoicesField(&ours, tt.field.Options).Key(tt.field.JSON).Title(tt.field.Label).
				Description(tt.field.Help).Validate(tt.field.CheckList)
			h := huhMultiSelect(tt.field, &theirs)
			keys := huh.NewDefaultKeyMap()
			position := huh.FieldPosition{Group: 2, Field: 0, FirstField: 0, LastField: 1, GroupCount: 4, FirstGroup: 0, LastGroup: 3}
			if tt.last {
				position = huh.FieldPosition{Group: 2, Field: 1, FirstField: 0, LastField: 1, GroupCount: 3, FirstGroup: 0, LastGroup: 2}
			}
			var fields = []huh.Field{f, h}
			for _, field := range fields {
				field.WithTheme(Theme)
				field.WithKeyMap(keys)
				field.WithWidth(tt.width)
				field.WithPosition(position)
				if tt.height > 0 {
					field.WithHeight(tt.height)
				}
				field.Focus()
			}
			compare := func(after string) {
				t.Helper()
				if !slices.Equal(ours, theirs) {
					t.Fatalf("after %s: value %q, huh's %q", after, ours, theirs)
				}
				if (f.Error() == nil) != (h.Error() == nil) || f.Error() != nil && f.Error().Error() != h.Error().Error() {
					t.Fatalf("after %s: error %v, huh's %v", after, f.Error(), h.Error())
				}
				if got, want := trimLines(f.View()), trimLines(h.View()); got != want {
					t.Fatalf("after %s, drawn as\n%s\nhuh draws\n%s", after, got, want)
				}
				if got, want := helpOf(f.KeyBinds()), helpOf(h.KeyBinds()); got != want {
					t.Fatalf("after %s: keys %q, huh's %q", after, got, want)
				}
			}
			if len(tt.start) == 0 && h.Error() != nil {
				// The one difference, on purpose: nothing chosen yet is not
				// a mistake until enter, where huh says so on focus.
				if f.Error() != nil {
					t.Fatalf("on focus with nothing chosen: error %v", f.Error())
				}
			} else {
				compare("focus")
			}
			for i, k := range tt.keys {
				_, ourCmd := f.Update(uitest.KeyNamed(k))
				_, theirCmd := h.Update(uitest.KeyNamed(k))
				if got, want := cmdName(ourCmd), cmdName(theirCmd); got != want {
					t.Fatalf("key %d (%s) gave %s, huh's %s", i, k, got, want)
				}
				compare(strings.Join(tt.keys[:i+1], " "))
			}
			f.Blur()
			h.Blur()
			compare("blur")
		})
	}
}

// helpOf is the help of the enabled bindings.
func helpOf(bindings []key.Binding) string {
	var b strings.Builder
	for _, k := range bindings {
		if k.Enabled() {
			b.WriteString(k.Help().Key + " " + k.Help().Desc + "; ")
		}
	}
	return b.String()
}

// cmdName names huh's moves, which a field's command makes.
func cmdName(cmd tea.Cmd) string {
	if cmd == nil {
		return "nothing"
	}
	msg := cmd()
	return fmt.Sprintf("%T", msg)
}

// TestChoicesFieldShowsWhatIsIncluded: an option a chosen one includes says
// so, beside its help where that fits and instead of it where not.
func TestChoicesFieldShowsWhatIsIncluded(t *testing.T) {
	scopes, _ := api.FieldNamed(api.FieldAllowedScopes)
	tests := []struct {
		name   string
		chosen []string
		width  int
		want   []string // lines, in part
		absent []string
	}{
		{"write without read", []string{"decks:write"}, 80,
			[]string{"• decks:read        list and read the user's decks (in decks:write)", "✓ decks:write"}, nil},
		{"two writes", []string{"decks:write", "sideboards:write"}, 80,
			[]string{"• decks:read        list and read the user's decks (in decks:write)",
				"• sideboards:read   list and read sideboards (in sideboards:write)"}, nil},
		{"read chosen too", []string{"decks:read", "decks:write"}, 80, []string{"✓ decks:read        list and read the user's decks"}, []string{"in decks:write"}},
		{"read alone", []string{"decks:read"}, 80, nil, []string{"in decks:write"}},
		{"narrow: the note instead of the help", []string{"sideboards:write"}, 60,
			[]string{"• sideboards:read   included in sideboards:write"}, []string{"list and read sideboards"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value := slices.Clone(tt.chosen)
			f := NewChoicesField(&value, scopes.Options).Title(scopes.Label)
			f.WithTheme(Theme)
			f.WithWidth(tt.width - 2)
			f.Focus()
			view := ansi.Strip(f.View())
			for _, line := range strings.Split(view, "\n") {
				if w := ansi.StringWidth(line); w > tt.width-2 {
					t.Errorf("a line %d wide in %d: %q", w, tt.width-2, line)
				}
			}
			uitest.WantText(t, view, tt.want, tt.absent)
			if !slices.Equal(value, tt.chosen) {
				t.Errorf("the value became %q; an included option is shown, never chosen", value)
			}
		})
	}
}

// TestChoicesFieldKeepsTheValueThroughTheAccessiblePrompt: the numbered
// prompt chooses, and the field shows what it chose.
func TestChoicesFieldKeepsTheValueThroughTheAccessiblePrompt(t *testing.T) {
	grants, _ := api.FieldNamed(api.FieldGrantTypes)
	value := []string{"authorization_code", "refresh_token"}
	f := NewChoicesField(&value, grants.Options).Title(grants.Label).Validate(grants.CheckList)
	var out strings.Builder
	if err := f.RunAccessible(&out, strings.NewReader("2\n0\n")); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(value, []string{"authorization_code"}) {
		t.Errorf("value %q after unchoosing 2", value)
	}
	if !strings.Contains(out.String(), "2.   refresh_token") {
		t.Errorf("the prompt did not list the options:\n%s", out.String())
	}
	f.WithWidth(78)
	if view := ansi.Strip(f.View()); !strings.Contains(view, "• refresh_token") || !strings.Contains(view, "✓ authorization_code") {
		t.Errorf("the field does not show the prompt's choice:\n%s", view)
	}
}

// TestChoicesFieldFitsItsWidth: every option shows, on a line of its own
// within the field's width, however narrow; huh's MultiSelect wrapped them
// and, once its description took two lines, hid the last one.
func TestChoicesFieldFitsItsWidth(t *testing.T) {
	scopes, _ := api.FieldNamed(api.FieldAllowedScopes)
	for _, width := range []int{78, 58, 40, 30, 20} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			value := []string{"decks:write"}
			f := NewChoicesField(&value, scopes.Options).Title(scopes.Label).Description(scopes.Help)
			f.WithTheme(Theme)
			f.WithWidth(width)
			f.Focus()
			lines := strings.Split(ansi.Strip(f.View()), "\n")
			for _, line := range lines {
				if w := ansi.StringWidth(line); w != width {
					t.Errorf("a line %d wide in %d: %q", w, width, line)
				}
			}
			first := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "cards:") })
			if first < 0 || len(lines)-first != len(scopes.Options) {
				t.Errorf("the options take %d lines, not one each:\n%s", len(lines)-first, strings.Join(lines, "\n"))
			}
			for i, o := range scopes.Options {
				if width < 30 {
					break // "┃ > • sideboards:write" is 22 wide
				}
				want := "• " + o.Value
				if value[0] == o.Value {
					want = "✓ " + o.Value
				}
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, want) }) {
					t.Errorf("option %d (%s) is missing:\n%s", i, o.Value, strings.Join(lines, "\n"))
				}
			}
		})
	}
}
