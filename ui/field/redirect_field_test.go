package field

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// typeInto sends text to the field as key presses, one per rune.
func typeInto(f *RedirectURIsField, text string) {
	for _, r := range text {
		f.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// step is typed text, or a key name in angle brackets such as <enter>.
func run(f *RedirectURIsField, steps ...string) {
	for _, s := range steps {
		if name, ok := strings.CutPrefix(s, "<"); ok {
			f.Update(uitest.KeyNamed(strings.TrimSuffix(name, ">")))
			continue
		}
		typeInto(f, s)
	}
}

func times(n int, step string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = step
	}
	return out
}

func TestRedirectFieldEditing(t *testing.T) {
	tests := []struct {
		name     string
		initial  []string
		steps    []string
		wantRows []string
		wantVal  []string
		row, col int
	}{
		{"type one", nil, []string{"https://a.example/cb"},
			[]string{"https://a.example/cb"}, []string{"https://a.example/cb"}, 0, 20},
		{"enter starts a line", nil, []string{"https://a.example/cb", "<enter>", "https://b.example/cb"},
			[]string{"https://a.example/cb", "https://b.example/cb"}, []string{"https://a.example/cb", "https://b.example/cb"}, 1, 20},
		{"enter in the middle splits", []string{"https://a.example/cbhttps://b.example/cb"}, append(append([]string{"<home>"}, times(20, "<right>")...), "<enter>"),
			[]string{"https://a.example/cb", "https://b.example/cb"}, []string{"https://a.example/cb", "https://b.example/cb"}, 1, 0},
		{"blank lines are not values", nil, []string{"https://a.example/cb", "<enter>", "https://b.example/cb", "<home>", "<enter>"},
			[]string{"https://a.example/cb", "", "https://b.example/cb"}, []string{"https://a.example/cb", "https://b.example/cb"}, 2, 0},
		{"enter on an empty last line adds no line", nil, []string{"https://a.example/cb", "<enter>", "<enter>"},
			[]string{"https://a.example/cb", ""}, []string{"https://a.example/cb"}, 1, 0},
		{"backspace at line start joins", []string{"https://a.example/", "cb"}, []string{"<home>", "<backspace>"},
			[]string{"https://a.example/cb"}, []string{"https://a.example/cb"}, 0, 18},
		{"delete at line end joins", []string{"https://a.example/", "cb"}, []string{"<up>", "<end>", "<delete>"},
			[]string{"https://a.example/cb"}, []string{"https://a.example/cb"}, 0, 18},
		{"ctrl+u clears to line start", []string{"https://a.example/cb"}, []string{"<ctrl+u>", "https://b.example/cb"},
			[]string{"https://b.example/cb"}, []string{"https://b.example/cb"}, 0, 20},
		{"ctrl+k clears to line end", []string{"https://a.example/cb"}, []string{"<home>", "<ctrl+k>"},
			[]string{""}, []string{}, 0, 0},
		{"ctrl+w deletes a path segment", []string{"https://a.example/oauth/cb"}, []string{"<ctrl+w>"},
			[]string{"https://a.example/oauth/"}, []string{"https://a.example/oauth/"}, 0, 24},
		{"left at line start goes up", []string{"https://a.example/cb", "x"}, []string{"<home>", "<left>"},
			[]string{"https://a.example/cb", "x"}, []string{"https://a.example/cb", "x"}, 0, 20},
		{"down stays in range", []string{"a"}, []string{"<down>", "<down>"},
			[]string{"a"}, []string{"a"}, 0, 1},
		{"multi-byte text", nil, []string{"https://kaffé.example/cb", "<left>", "<left>", "<left>", "<backspace>"},
			[]string{"https://kaffé.exampl/cb"}, []string{"https://kaffé.exampl/cb"}, 0, 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value := append([]string(nil), tt.initial...)
			f := NewRedirectURIsField(&value)
			f.Focus()
			run(f, tt.steps...)
			if !reflect.DeepEqual(f.buf.lines, tt.wantRows) || f.buf.row != tt.row || f.buf.col != tt.col {
				t.Errorf("lines %q cursor %d:%d; want %q %d:%d", f.buf.lines, f.buf.row, f.buf.col, tt.wantRows, tt.row, tt.col)
			}
			if len(value) == 0 && len(tt.wantVal) == 0 {
				return
			}
			if !reflect.DeepEqual(value, tt.wantVal) {
				t.Errorf("bound value %q, want %q", value, tt.wantVal)
			}
		})
	}
}

func TestRedirectFieldPaste(t *testing.T) {
	tests := []struct {
		name    string
		initial []string
		paste   string
		want    []string
		row     int
	}{
		{"one URI", nil, "https://a.example/cb", []string{"https://a.example/cb"}, 0},
		{"lines", nil, "https://a.example/cb\r\nhttps://b.example/cb\n", []string{"https://a.example/cb", "https://b.example/cb"}, 1},
		{"commas and spaces", nil, "https://a.example/cb, https://b.example/cb https://c.example/cb",
			[]string{"https://a.example/cb", "https://b.example/cb", "https://c.example/cb"}, 2},
		{"into the middle of a list", []string{"https://a.example/cb", "https://z.example/cb"}, "https://b.example/cb,https://c.example/cb",
			[]string{"https://a.example/cb", "https://z.example/cbhttps://b.example/cb", "https://c.example/cb"}, 2},
		{"control characters are dropped", nil, "https://a.example/\x1b[31mcb", []string{"https://a.example/[31mcb"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value := append([]string(nil), tt.initial...)
			f := NewRedirectURIsField(&value)
			f.Focus()
			f.Update(tea.PasteMsg{Content: tt.paste})
			if !reflect.DeepEqual(f.buf.lines, tt.want) || f.buf.row != tt.row {
				t.Errorf("lines %q row %d; want %q row %d", f.buf.lines, f.buf.row, tt.want, tt.row)
			}
		})
	}
}

func TestRedirectFieldStatesAndLeaving(t *testing.T) {
	value := []string{"https://a.example/cb", "ftp://a.example/cb", "https://a.example/cb/"}
	f := NewRedirectURIsField(&value)
	f.Focus()
	states := []rowState{f.status(0).state, f.status(1).state, f.status(2).state}
	if !reflect.DeepEqual(states, []rowState{rowOK, rowError, rowWarning}) {
		t.Errorf("states %v", states)
	}
	_, cmd := f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if cmd != nil || f.Error() == nil || f.Error().Error() != "Fix the redirect URI marked ✗ first." {
		t.Errorf("tab with an error: cmd %v err %v", cmd != nil, f.Error())
	}
	// Any key clears the message; fixing the line lets the user leave, the
	// warning does not block.
	run(f, "<up>", "<ctrl+u>", "https://b.example/cb")
	if f.Error() != nil {
		t.Errorf("error kept after typing: %v", f.Error())
	}
	_, cmd = f.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	if cmd == nil || cmd() != huh.NextField() {
		t.Errorf("tab on a valid list does not move on")
	}
	_, cmd = f.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	if cmd == nil || cmd() != huh.PrevField() {
		t.Errorf("shift+tab does not go back")
	}
	// Enter on an empty last line moves on too.
	run(f, "<down>", "<end>", "<enter>")
	_, cmd = f.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	if cmd == nil || cmd() != huh.NextField() {
		t.Errorf("enter on an empty last line does not move on")
	}
}

func TestRedirectFieldEmptyListBlocks(t *testing.T) {
	var value []string
	f := NewRedirectURIsField(&value)
	f.Focus()
	if _, cmd := f.Update(tea.KeyPressMsg{Code: tea.KeyTab}); cmd != nil || f.Error().Error() != "Add at least one redirect URI." {
		t.Errorf("empty list: %v", f.Error())
	}
	f.Blur()
	if f.Error() == nil {
		t.Error("blur of an empty list records no error")
	}
}

func TestRedirectFieldServerErrors(t *testing.T) {
	value := []string{"https://a.example/cb", "", "https://taken.example/cb", "https://c.example/cb"}
	f := NewRedirectURIsField(&value)
	f.Focus()
	// Index 1 is the second URI, on row 2 (the blank line does not count).
	f.SetServerErrors([]api.FieldError{
		{Field: api.FieldRedirectURIs, Index: 1, Message: "Taken."},
		{Field: api.FieldRedirectURIs, Index: -1, Message: "Too many."},
	})
	if f.buf.row != 2 || f.server[2] != "Taken." || f.serverAll != "Too many." {
		t.Fatalf("cursor row %d, server %v / %q", f.buf.row, f.server, f.serverAll)
	}
	view := ansi.Strip(f.View())
	for _, want := range []string{"3 ✗ https://taken.example/cb", "server: Taken.", "server: Too many.", "3 URIs · 1 to fix"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	// A line added above keeps the error on its line; editing that line clears it.
	run(f, "<up>", "<up>", "<end>", "<enter>")
	if f.server[3] != "Taken." {
		t.Errorf("server errors after inserting a line: %v", f.server)
	}
	run(f, "<down>", "<down>", "<end>", "x")
	if _, ok := f.server[3]; ok {
		t.Errorf("error kept after editing its line: %v", f.server)
	}
}

func TestRedirectFieldScrollsLongLists(t *testing.T) {
	value := make([]string, 30)
	for i := range value {
		value[i] = "https://a.example/cb" + strings.Repeat("x", i)
	}
	f := NewRedirectURIsField(&value)
	f.Focus()
	view := ansi.Strip(f.View())
	if !strings.Contains(view, "↑ 22 more") || strings.Contains(view, "↓") || !strings.Contains(view, "30 URIs") {
		t.Errorf("view of the end of 30 lines:\n%s", view)
	}
	run(f, times(29, "<up>")...)
	view = ansi.Strip(f.View())
	if !strings.Contains(view, "↓ 22 more") || strings.Contains(view, "↑") {
		t.Errorf("view of the start:\n%s", view)
	}
}

// TestRedirectFieldAccessible: the line prompts check each URI as it is
// entered, keep every good line, and let the list be changed before going on.
func TestRedirectFieldAccessible(t *testing.T) {
	tests := []struct {
		name    string
		start   []string
		input   string
		want    []string
		says    []string
		wantErr bool
	}{
		{"a bad line is asked again, the good one kept",
			nil, "http://public.example/cb\nhttp://127.0.0.1:8765/cb\nhttps://a.example/cb\n\n\n",
			[]string{"http://127.0.0.1:8765/cb", "https://a.example/cb"},
			[]string{"Not added: Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1]. (http://public.example/cb)", "Added 1: http://127.0.0.1:8765/cb.", "  2. https://a.example/cb"}, false},
		{"an empty first line does not end an empty list",
			nil, "\nhttps://a.example/cb\n\n\n", []string{"https://a.example/cb"}, []string{"Add at least one redirect URI."}, false},
		{"a near-duplicate is said when it is entered",
			nil, "https://a.example/cb\nhttps://a.example/cb/\n\n\n", []string{"https://a.example/cb", "https://a.example/cb/"},
			[]string{"Warning: Line 2 differs from Line 1 only by a trailing slash"}, false},
		{"a pasted list is split, each checked",
			nil, "https://a.example/cb, ftp://b.example/cb http://localhost:3000/cb\n\n\n", []string{"https://a.example/cb", "http://localhost:3000/cb"},
			[]string{"Not added: ", "Added 2: http://localhost:3000/cb."}, false},
		{"the list is kept as it was", []string{"https://a.example/cb"}, "\n", []string{"https://a.example/cb"},
			[]string{"  1. https://a.example/cb", "Enter keeps the list"}, false},
		{"a number replaces", []string{"https://a.example/cb", "https://b.example/cb"}, "2\nhttps://c.example/cb\n\n",
			[]string{"https://a.example/cb", "https://c.example/cb"}, []string{"Changed 2 to https://c.example/cb."}, false},
		{"a change that copies a later line is refused", []string{"https://a.example/cb", "https://b.example/cb"}, "1\nhttps://b.example/cb\nhttps://c.example/cb\n\n",
			[]string{"https://c.example/cb", "https://b.example/cb"}, []string{"Not changed: ", "Changed 1 to https://c.example/cb."}, false},
		{"a bad change is asked again", []string{"https://a.example/cb"}, "1\nhttp://public.example/cb\nhttps://d.example/cb\n\n",
			[]string{"https://d.example/cb"}, []string{"Not changed: Use https", "Changed 1 to https://d.example/cb."}, false},
		{"a number and an empty line remove", []string{"https://a.example/cb", "https://b.example/cb"}, "1\n\n\n",
			[]string{"https://b.example/cb"}, []string{"Removed https://a.example/cb."}, false},
		{"+ adds more", []string{"https://a.example/cb"}, "+\nhttps://b.example/cb\n\n\n",
			[]string{"https://a.example/cb", "https://b.example/cb"}, []string{"Redirect URI 2"}, false},
		{"no input", nil, "", nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			value := append([]string(nil), tt.start...)
			f := NewRedirectURIsField(&value).DescriptionFunc(func() string { return "Where users return after signing in." })
			var out bytes.Buffer
			err := f.RunAccessible(&out, strings.NewReader(tt.input))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v\n%s", err, out.String())
			}
			if !tt.wantErr && !reflect.DeepEqual(value, tt.want) {
				t.Errorf("value %q, want %q", value, tt.want)
			}
			for _, want := range tt.says {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the prompts lack %q:\n%s", want, out.String())
				}
			}
			if strings.Contains(out.String(), "enter starts a new one") {
				t.Errorf("the prompts read the editor's help:\n%s", out.String())
			}
		})
	}
}

// TestRedirectFieldIgnoresKeysWhenBlurred: a blurred editor takes no key and
// draws as before; focused, it draws its focus.
func TestRedirectFieldIgnoresKeysWhenBlurred(t *testing.T) {
	value := []string{"https://a.example/cb"}
	f := NewRedirectURIsField(&value)
	first := f.View()
	f.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}) // not focused: ignored
	if f.View() != first || value[0] != "https://a.example/cb" {
		t.Error("a blurred field changed")
	}
	f.Focus()
	if f.View() == first {
		t.Error("focus did not redraw")
	}
}
