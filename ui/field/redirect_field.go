package field

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// redirectFieldRows is how many URI lines the editor shows at once; the rest
// scroll, with a count above and below.
const redirectFieldRows = 8

// RedirectURIsField edits the redirect URI list as a huh field: one URI per
// line, each shown with its state (✓, ✗ and the reason, or ! for a warning),
// instead of one error at a time in the footer.
//
// A keystroke costs the work of the edited line only: validate.RedirectLines
// parses only that line and looks again only at the lines that share its URI
// or its near-duplicate shape; at most redirectFieldRows lines are drawn, and
// the drawing is kept until something changes. huh's Text field re-wraps the
// whole text on every key instead.
type RedirectURIsField struct {
	value       *[]string
	buf         lineBuffer
	check       validate.RedirectLines
	key         string
	title       string
	description func() string

	server    map[int]string // the server's complaint about a row
	serverAll string         // the server's complaint about the whole list
	err       error

	fieldChrome
	rowStyles rowStyles
	keys      redirectKeys
}

// NewRedirectURIsField returns an editor bound to value, one URI per line.
func NewRedirectURIsField(value *[]string) *RedirectURIsField {
	f := &RedirectURIsField{
		value: value,
		buf:   newLineBuffer(*value, redirectFieldRows),
		title: "Redirect URIs",
		keys:  newRedirectKeys(),
	}
	f.fieldChrome = newFieldChrome()
	f.check.Reset(f.buf.lines)
	*f.value = f.check.URIs()
	return f
}

// Key sets the key the form stores the value under.
func (f *RedirectURIsField) Key(k string) *RedirectURIsField { f.key = k; return f }

// Title sets the field's title.
func (f *RedirectURIsField) Title(t string) *RedirectURIsField { f.title = t; return f }

// DescriptionFunc sets a description computed at each drawing, so it can follow
// other answers (the client type). It runs on the event loop.
func (f *RedirectURIsField) DescriptionFunc(d func() string) *RedirectURIsField {
	f.description = d
	return f
}

// SetServerErrors shows the server's complaints about the list at the lines
// they name (by list index, blank lines not counted); each stays until its line
// is edited.
func (f *RedirectURIsField) SetServerErrors(errs []api.FieldError) {
	f.server = map[int]string{}
	f.serverAll = ""
	rows := f.buf.entryRows()
	moved := false
	for _, fe := range errs {
		if fe.Index < 0 || fe.Index >= len(rows) {
			f.serverAll = trimJoin(f.serverAll, fe.Message)
			continue
		}
		row := rows[fe.Index]
		f.server[row] = fe.Message
		if !moved {
			f.buf.moveTo(row, len([]rune(f.buf.lines[row])))
			moved = true
		}
	}
}

// trimJoin joins two messages with a space.
func trimJoin(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// apply checks what an edit changed, keeps the server's complaints on their
// lines (dropping those of edited lines), and stores the value.
func (f *RedirectURIsField) apply(c change) {
	if !c.changed {
		return
	}
	if c.edited {
		delete(f.server, c.row)
	}
	if c.inserted == 0 {
		f.serverAll = ""
		f.check.SetLine(c.row, f.buf.lines[c.row])
	} else {
		if c.inserted < 0 {
			delete(f.server, c.row+1)
		}
		f.shiftServerErrors(c.row+1, c.inserted)
		f.check.Reset(f.buf.lines)
	}
	*f.value = f.check.URIs()
}

// shiftServerErrors keeps the server's complaints on their lines when lines
// are added or removed at row.
func (f *RedirectURIsField) shiftServerErrors(row, by int) {
	if len(f.server) == 0 {
		return
	}
	moved := make(map[int]string, len(f.server))
	for r, msg := range f.server {
		if r >= row {
			r += by
		}
		moved[r] = msg
	}
	f.server = moved
}

// validate returns what blocks leaving the field.
func (f *RedirectURIsField) validate() error {
	if p := f.check.ListProblem(); p != "" {
		return fmt.Errorf("%s", p)
	}
	switch _, errs, _ := f.check.Counts(); errs {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("Fix the redirect URI marked ✗ first.")
	default:
		return fmt.Errorf("Fix the %d redirect URIs marked ✗ first.", errs)
	}
}

// Update edits the list. Keys move the cursor or change the line under it; a
// paste of several URIs (separated by lines, spaces or commas) puts each on a
// line of its own.
func (f *RedirectURIsField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.setBackground(msg)
	case tea.PasteMsg:
		if f.focused {
			f.err = nil
			f.apply(f.buf.paste(msg.Content))
		}
	case tea.KeyPressMsg:
		if !f.focused {
			return f, nil
		}
		f.err = nil
		switch {
		case key.Matches(msg, f.keys.Prev):
			return f, huh.PrevField
		case key.Matches(msg, f.keys.Next):
			return f, f.leave()
		case key.Matches(msg, f.keys.NewLine) && f.buf.atEmptyLastLine():
			return f, f.leave() // enter on an empty last line: the list is done
		default:
			f.apply(f.edit(msg))
		}
	}
	return f, nil
}

// edit applies an editing key to the buffer.
func (f *RedirectURIsField) edit(msg tea.KeyPressMsg) change {
	b, k := &f.buf, f.keys
	switch {
	case key.Matches(msg, k.NewLine):
		return b.split()
	case key.Matches(msg, k.Up):
		b.up()
	case key.Matches(msg, k.Down):
		b.down()
	case key.Matches(msg, k.Left):
		b.left()
	case key.Matches(msg, k.Right):
		b.right()
	case key.Matches(msg, k.Home):
		b.home()
	case key.Matches(msg, k.End):
		b.end()
	case key.Matches(msg, k.PageUp):
		b.pageUp()
	case key.Matches(msg, k.PageDown):
		b.pageDown()
	case key.Matches(msg, k.Backspace):
		return b.backspace()
	case key.Matches(msg, k.Delete):
		return b.deleteForward()
	case key.Matches(msg, k.DeleteBefore):
		return b.deleteBefore()
	case key.Matches(msg, k.DeleteAfter):
		return b.deleteAfter()
	case key.Matches(msg, k.DeleteWord):
		return b.deleteWord()
	case msg.Text != "" && !strings.ContainsFunc(msg.Text, isControl):
		return b.insert(msg.Text)
	}
	return change{}
}

// leave moves on when nothing blocks it, else shows why.
func (f *RedirectURIsField) leave() tea.Cmd {
	if f.err = f.validate(); f.err != nil {
		return nil
	}
	return huh.NextField
}

// Focus is part of huh.Field.
func (f *RedirectURIsField) Focus() tea.Cmd {
	f.focused = true
	return nil
}

// Blur is part of huh.Field; it records what would block leaving, as huh's own
// fields do.
func (f *RedirectURIsField) Blur() tea.Cmd {
	f.focused = false
	f.err = f.validate()
	return nil
}

// Error is part of huh.Field.
func (f *RedirectURIsField) Error() error { return f.err }

// Run runs the field on its own.
func (f *RedirectURIsField) Run() error { return huh.Run(f) }

// KeyBinds is part of huh.Field: the help line shows these.
func (f *RedirectURIsField) KeyBinds() []key.Binding {
	return []key.Binding{f.keys.NewLine, f.keys.Prev, f.keys.Next}
}

// WithTheme is part of huh.Field.
func (f *RedirectURIsField) WithTheme(t huh.Theme) huh.Field { f.setTheme(t); return f }

// WithKeyMap is part of huh.Field; the editor keeps its own keys, since enter
// starts a new line here.
func (f *RedirectURIsField) WithKeyMap(*huh.KeyMap) huh.Field { return f }

// WithWidth is part of huh.Field.
func (f *RedirectURIsField) WithWidth(w int) huh.Field { f.setWidth(w); return f }

// WithHeight is part of huh.Field: the editor fits in h lines, dropping its
// description and then showing fewer lines as needed.
func (f *RedirectURIsField) WithHeight(h int) huh.Field { f.setHeight(h); return f }

// WithPosition is part of huh.Field.
func (f *RedirectURIsField) WithPosition(p huh.FieldPosition) huh.Field {
	f.keys.Prev.SetEnabled(!p.IsFirst() || p.Group > 0)
	return f
}

// GetKey is part of huh.Field.
func (f *RedirectURIsField) GetKey() string { return f.key }

// GetValue is part of huh.Field: the URIs, blank lines left out.
func (f *RedirectURIsField) GetValue() any { return append([]string(nil), *f.value...) }
