package ui

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"flexslot-register/api"
	"flexslot-register/validate"
)

// redirectFieldRows is how many URI lines the editor shows at once; the rest
// scroll, with a count above and below.
const redirectFieldRows = 8

// RedirectURIsField edits the redirect URI list as a huh field: one URI per
// line, each shown with its state (✓, ✗ and the reason, or ! for a warning),
// instead of one error at a time in the footer.
//
// A keystroke costs the work of the edited line only: each URI is validated
// once (validate.RedirectChecker remembers the rest), at most
// redirectFieldRows lines are drawn, and the drawing is kept until something
// changes. huh's Text field re-wraps the whole text on every key instead.
type RedirectURIsField struct {
	value       *[]string
	lines       []string
	row, col    int // col counts runes
	offset      int // first visible row
	key         string
	title       string
	description func() string

	checker   validate.RedirectChecker
	status    []rowStatus // per row
	listError string      // a problem of the whole list
	server    map[int]string
	serverAll string
	err       error

	focused   bool
	width     int
	theme     huh.Theme
	hasDarkBg bool
	styles    *huh.Styles
	keys      redirectKeys
	view      string
	stale     bool
}

// rowStatus is what the editor says beside one line.
type rowStatus struct {
	state   rowState
	message string
}

type rowState int

const (
	rowBlank rowState = iota
	rowOK
	rowWarning
	rowError
)

type redirectKeys struct {
	Next, Prev, NewLine key.Binding
}

// NewRedirectURIsField returns an editor bound to value, one URI per line.
func NewRedirectURIsField(value *[]string) *RedirectURIsField {
	f := &RedirectURIsField{
		value: value,
		title: "Redirect URIs",
		keys: redirectKeys{
			Next:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next")),
			Prev:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
			NewLine: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new line")),
		},
		width: 80,
	}
	f.lines = append([]string(nil), *value...)
	if len(f.lines) == 0 {
		f.lines = []string{""}
	}
	f.moveTo(len(f.lines)-1, 1<<30) // the end, where the user goes on typing
	f.recheck()
	return f
}

// Key sets the key the form stores the value under.
func (f *RedirectURIsField) Key(k string) *RedirectURIsField { f.key = k; return f }

// Title sets the field's title.
func (f *RedirectURIsField) Title(t string) *RedirectURIsField { f.title = t; f.stale = true; return f }

// DescriptionFunc sets a description computed at each drawing, so it can follow
// other answers (the client type). It runs on the event loop.
func (f *RedirectURIsField) DescriptionFunc(d func() string) *RedirectURIsField {
	f.description = d
	f.stale = true
	return f
}

// SetServerErrors shows the server's complaints about the list at the lines
// they name (by list index, blank lines not counted); each stays until its line
// is edited.
func (f *RedirectURIsField) SetServerErrors(errs []api.FieldError) {
	f.server = map[int]string{}
	f.serverAll = ""
	rows := f.entryRows()
	for _, fe := range errs {
		if fe.Index >= 0 && fe.Index < len(rows) {
			f.server[rows[fe.Index]] = fe.Message
		} else {
			f.serverAll = strings.TrimSpace(f.serverAll + " " + fe.Message)
		}
	}
	if len(rows) > 0 {
		for _, fe := range errs {
			if fe.Index >= 0 && fe.Index < len(rows) {
				f.moveTo(rows[fe.Index], utf8.RuneCountInString(f.lines[rows[fe.Index]]))
				break
			}
		}
	}
	f.stale = true
}

// entryRows maps list index to row: the rows that hold a URI.
func (f *RedirectURIsField) entryRows() []int {
	var rows []int
	for i, line := range f.lines {
		if line != "" {
			rows = append(rows, i)
		}
	}
	return rows
}

// recheck validates the list (only new URIs are parsed) and stores the value.
func (f *RedirectURIsField) recheck() {
	entries := make([]validate.RedirectEntry, 0, len(f.lines))
	for i, line := range f.lines {
		if line != "" {
			entries = append(entries, validate.RedirectEntry{Line: i + 1, URI: line})
		}
	}
	if cap(f.status) >= len(f.lines) {
		f.status = f.status[:len(f.lines)]
	} else {
		f.status = make([]rowStatus, len(f.lines))
	}
	for i, line := range f.lines {
		f.status[i] = rowStatus{}
		if line != "" {
			f.status[i].state = rowOK
		}
	}
	f.listError = ""
	for _, p := range f.checker.Check(entries) {
		if p.Line == 0 {
			f.listError = p.Message
			continue
		}
		state := rowError
		if p.Warning {
			state = rowWarning
		}
		f.status[p.Line-1] = rowStatus{state: state, message: p.Message}
	}
	*f.value = validate.URIs(entries)
	f.stale = true
}

// problemCount counts blocking problems, server ones not included.
func (f *RedirectURIsField) problemCount() (errs, warnings int) {
	for _, s := range f.status {
		switch s.state {
		case rowError:
			errs++
		case rowWarning:
			warnings++
		}
	}
	return errs, warnings
}

// validate returns what blocks leaving the field.
func (f *RedirectURIsField) validate() error {
	if f.listError != "" {
		return fmt.Errorf("%s", f.listError)
	}
	switch errs, _ := f.problemCount(); errs {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("Fix the redirect URI marked ✗ first.")
	default:
		return fmt.Errorf("Fix the %d redirect URIs marked ✗ first.", errs)
	}
}

// Init is part of huh.Field.
func (f *RedirectURIsField) Init() tea.Cmd { return nil }

// Update edits the list. Keys move the cursor or change the line under it; a
// paste of several URIs (separated by lines, spaces or commas) puts each on a
// line of its own.
func (f *RedirectURIsField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.hasDarkBg = msg.IsDark()
		f.styles = nil
		f.stale = true
	case tea.PasteMsg:
		if f.focused {
			f.err = nil
			f.paste(msg.Content)
		}
	case tea.KeyPressMsg:
		if !f.focused {
			return f, nil
		}
		f.err = nil
		f.stale = true
		switch {
		case key.Matches(msg, f.keys.Prev):
			return f, huh.PrevField
		case key.Matches(msg, f.keys.Next):
			return f, f.leave()
		case key.Matches(msg, f.keys.NewLine):
			if f.lines[f.row] == "" && f.row == len(f.lines)-1 && len(f.lines) > 1 {
				// Enter on an empty last line: the list is done.
				return f, f.leave()
			}
			f.splitLine()
		default:
			f.edit(msg)
		}
	}
	return f, nil
}

// leave moves on when nothing blocks it, else shows why.
func (f *RedirectURIsField) leave() tea.Cmd {
	if f.err = f.validate(); f.err != nil {
		return nil
	}
	return huh.NextField
}

func (f *RedirectURIsField) edit(msg tea.KeyPressMsg) {
	line := []rune(f.lines[f.row])
	switch msg.String() {
	case "up":
		f.moveTo(f.row-1, f.col)
	case "down":
		f.moveTo(f.row+1, f.col)
	case "left", "ctrl+b":
		if f.col > 0 {
			f.col--
		} else if f.row > 0 {
			f.moveTo(f.row-1, 1<<30)
		}
	case "right", "ctrl+f":
		if f.col < len(line) {
			f.col++
		} else if f.row < len(f.lines)-1 {
			f.moveTo(f.row+1, 0)
		}
	case "home", "ctrl+a":
		f.col = 0
	case "end", "ctrl+e":
		f.col = len(line)
	case "pgup":
		f.moveTo(f.row-redirectFieldRows, f.col)
	case "pgdown":
		f.moveTo(f.row+redirectFieldRows, f.col)
	case "backspace", "ctrl+h":
		switch {
		case f.col > 0:
			f.setLine(string(line[:f.col-1]) + string(line[f.col:]))
			f.col--
		case f.row > 0:
			f.joinWithPrevious()
		}
	case "delete", "ctrl+d":
		switch {
		case f.col < len(line):
			f.setLine(string(line[:f.col]) + string(line[f.col+1:]))
		case f.row < len(f.lines)-1:
			f.moveTo(f.row+1, 0)
			f.joinWithPrevious()
		}
	case "ctrl+u":
		f.setLine(string(line[f.col:]))
		f.col = 0
	case "ctrl+k":
		f.setLine(string(line[:f.col]))
	case "ctrl+w", "alt+backspace":
		start := f.col
		for start > 0 && strings.ContainsRune("/:.?&=#", line[start-1]) {
			start--
		}
		for start > 0 && !strings.ContainsRune("/:.?&=#", line[start-1]) {
			start--
		}
		f.setLine(string(line[:start]) + string(line[f.col:]))
		f.col = start
	default:
		if msg.Text != "" && !strings.ContainsFunc(msg.Text, isControl) {
			f.insert(msg.Text)
		}
	}
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

// setLine replaces the current line and re-checks the list.
func (f *RedirectURIsField) setLine(text string) {
	f.lines[f.row] = text
	delete(f.server, f.row)
	f.serverAll = ""
	f.recheck()
}

func (f *RedirectURIsField) insert(text string) {
	line := []rune(f.lines[f.row])
	f.setLine(string(line[:f.col]) + text + string(line[f.col:]))
	f.col += utf8.RuneCountInString(text)
}

// splitLine breaks the line at the cursor (enter).
func (f *RedirectURIsField) splitLine() {
	line := []rune(f.lines[f.row])
	f.lines[f.row] = string(line[:f.col])
	rest := string(line[f.col:])
	f.lines = append(f.lines[:f.row+1], append([]string{rest}, f.lines[f.row+1:]...)...)
	f.shiftServerErrors(f.row+1, 1)
	f.moveTo(f.row+1, 0)
	f.recheck()
}

// joinWithPrevious appends the current line to the one above.
func (f *RedirectURIsField) joinWithPrevious() {
	prev := f.lines[f.row-1]
	f.lines[f.row-1] = prev + f.lines[f.row]
	f.lines = append(f.lines[:f.row], f.lines[f.row+1:]...)
	delete(f.server, f.row-1)
	delete(f.server, f.row)
	f.shiftServerErrors(f.row, -1)
	f.moveTo(f.row-1, utf8.RuneCountInString(prev))
	f.recheck()
}

// shiftServerErrors keeps server errors on their lines when lines are added or
// removed at row.
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

// paste inserts text at the cursor; several URIs in it go on lines of their own.
func (f *RedirectURIsField) paste(text string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	entries := validate.SplitRedirectURIs(text)
	if len(entries) <= 1 && !strings.Contains(text, "\n") {
		f.insert(strings.Map(func(r rune) rune {
			if isControl(r) {
				return -1
			}
			return r
		}, text))
		return
	}
	line := []rune(f.lines[f.row])
	before, after := string(line[:f.col]), string(line[f.col:])
	pasted := validate.URIs(entries)
	if len(pasted) == 0 {
		return
	}
	pasted[0] = before + pasted[0]
	last := len(pasted) - 1
	col := utf8.RuneCountInString(pasted[last])
	pasted[last] += after
	f.lines = append(f.lines[:f.row], append(pasted, f.lines[f.row+1:]...)...)
	delete(f.server, f.row)
	f.shiftServerErrors(f.row+1, last)
	f.moveTo(f.row+last, col)
	f.recheck()
}

// moveTo puts the cursor on row (clamped) at col (clamped to the line).
func (f *RedirectURIsField) moveTo(row, col int) {
	f.row = max(0, min(row, len(f.lines)-1))
	f.col = max(0, min(col, utf8.RuneCountInString(f.lines[f.row])))
	if f.row < f.offset {
		f.offset = f.row
	}
	if f.row >= f.offset+redirectFieldRows {
		f.offset = f.row - redirectFieldRows + 1
	}
	f.stale = true
}

// View draws the title, the visible lines with their states, and a summary.
func (f *RedirectURIsField) View() string {
	if !f.stale && f.view != "" {
		return f.view
	}
	st := f.fieldStyles()
	inner := max(f.width-st.Base.GetHorizontalFrameSize(), 20)
	var b strings.Builder
	title := f.title
	if f.err != nil {
		title += colorOf(st.ErrorIndicator).Render(" *")
	}
	b.WriteString(st.Title.Render(title) + "\n")
	if f.description != nil {
		if d := f.description(); d != "" {
			b.WriteString(st.Description.Render(wrapText(d, inner)) + "\n")
		}
	}
	if f.offset > 0 {
		b.WriteString(st.Description.Render(fmt.Sprintf("    ↑ %d more", f.offset)) + "\n")
	}
	gutter := len(strconv.Itoa(len(f.lines)))
	end := min(len(f.lines), f.offset+redirectFieldRows)
	for row := f.offset; row < end; row++ {
		b.WriteString(f.rowView(row, gutter, inner, st))
	}
	if end < len(f.lines) {
		b.WriteString(st.Description.Render(fmt.Sprintf("    ↓ %d more", len(f.lines)-end)) + "\n")
	}
	b.WriteString(f.summary(st))
	f.view = st.Base.Width(f.width).Render(b.String())
	f.stale = false
	return f.view
}

// rowView draws one line: number, state mark, the URI (with the cursor when
// focused), and under it the reason for a ✗ or !, in full on the cursor's line.
func (f *RedirectURIsField) rowView(row, gutter, width int, st *huh.FieldStyles) string {
	status := f.status[row]
	if msg, ok := f.server[row]; ok {
		status = rowStatus{state: rowError, message: "server: " + msg}
	}
	mark := "  "
	switch status.state {
	case rowOK:
		mark = colorOf(st.SelectedPrefix).Render("✓") + " "
	case rowWarning:
		mark = colorOf(st.NextIndicator).Render("!") + " "
	case rowError:
		mark = colorOf(st.ErrorIndicator).Render("✗") + " "
	}
	number := st.Description.Render(fmt.Sprintf("%*d ", gutter, row+1))
	textWidth := max(width-gutter-3, 10)
	text := f.lines[row]
	if f.focused && row == f.row {
		text = cursorLine(text, f.col, textWidth, st)
	} else {
		text = st.Option.Render(ansi.Truncate(text, textWidth, "…"))
	}
	out := number + mark + text + "\n"
	if status.message != "" {
		indent := strings.Repeat(" ", gutter+3)
		msgStyle := colorOf(st.ErrorMessage)
		if status.state == rowWarning {
			msgStyle = st.Description
		}
		msg := status.message
		if f.focused && row == f.row {
			for _, l := range strings.Split(wrapText(msg, textWidth), "\n") {
				out += indent + msgStyle.Render(l) + "\n"
			}
		} else {
			out += indent + msgStyle.Render(ansi.Truncate(msg, textWidth, "…")) + "\n"
		}
	}
	return out
}

// cursorLine shows the line around the cursor, scrolled when it is wider than
// width, with the cursor cell in reverse video.
func cursorLine(text string, col, width int, st *huh.FieldStyles) string {
	runes := []rune(text)
	start := 0
	if col >= width {
		start = col - width + 1
	}
	end := min(len(runes), start+width)
	under := " "
	if col < len(runes) {
		under = string(runes[col])
	}
	before := string(runes[start:col])
	after := ""
	if col+1 <= end && col < len(runes) {
		after = string(runes[col+1 : end])
	}
	return st.TextInput.Text.Render(before) + st.TextInput.Cursor.Reverse(true).Render(under) + st.TextInput.Text.Render(after)
}

// summary counts the URIs and their problems, and gives the list-level
// message or the server's message for the whole list.
func (f *RedirectURIsField) summary(st *huh.FieldStyles) string {
	uris := len(*f.value)
	errs, warnings := f.problemCount()
	errs += len(f.server)
	parts := []string{plural(uris, "URI")}
	if errs > 0 {
		parts = append(parts, colorOf(st.ErrorMessage).Render(fmt.Sprintf("%d to fix", errs)))
	}
	if warnings > 0 {
		parts = append(parts, plural(warnings, "warning"))
	}
	out := st.Description.Render(strings.Join(parts, " · "))
	if f.listError != "" && f.err == nil && uris == 0 && len(f.lines) > 1 {
		out += "\n" + colorOf(st.ErrorMessage).Render(f.listError)
	}
	if f.serverAll != "" {
		out += "\n" + colorOf(st.ErrorMessage).Render("server: "+f.serverAll)
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (f *RedirectURIsField) fieldStyles() *huh.FieldStyles {
	if f.styles == nil {
		theme := f.theme
		if theme == nil {
			theme = formTheme
		}
		f.styles = theme.Theme(f.hasDarkBg)
	}
	if f.focused {
		return &f.styles.Focused
	}
	return &f.styles.Blurred
}

// Focus is part of huh.Field.
func (f *RedirectURIsField) Focus() tea.Cmd {
	f.focused = true
	f.stale = true
	return nil
}

// Blur is part of huh.Field; it records what would block leaving, as huh's own
// fields do.
func (f *RedirectURIsField) Blur() tea.Cmd {
	f.focused = false
	f.err = f.validate()
	f.stale = true
	return nil
}

// Error is part of huh.Field.
func (f *RedirectURIsField) Error() error { return f.err }

// Run runs the field on its own.
func (f *RedirectURIsField) Run() error { return huh.Run(f) }

// RunAccessible asks for the URIs as plain lines, for screen readers: one per
// line, an empty line to finish, with every problem read out and the list
// asked again until it is valid.
func (f *RedirectURIsField) RunAccessible(w io.Writer, r io.Reader) error {
	for {
		fmt.Fprintf(w, "%s: one per line, an empty line to finish.\n", f.title)
		if f.description != nil {
			fmt.Fprintln(w, f.description())
		}
		if len(*f.value) > 0 {
			fmt.Fprintf(w, "An empty first line keeps the current list: %s\n", strings.Join(*f.value, ", "))
		}
		var text strings.Builder
		for {
			line, err := readLine(r)
			if line == "" {
				switch {
				case text.Len() == 0 && len(*f.value) > 0 && err == nil:
					return nil // keep the current list
				case err != nil && text.Len() == 0:
					return io.ErrUnexpectedEOF
				}
				break
			}
			text.WriteString(line + "\n")
			if err != nil {
				break
			}
		}
		entries := validate.SplitRedirectURIs(text.String())
		problems := validate.RedirectURIs(entries)
		for _, p := range problems {
			kind := "Error"
			if p.Warning {
				kind = "Warning"
			}
			if p.Line > 0 {
				fmt.Fprintf(w, "%s on line %d (%s): %s\n", kind, p.Line, p.URI, p.Message)
			} else {
				fmt.Fprintf(w, "%s: %s\n", kind, p.Message)
			}
		}
		if !validate.HasErrors(problems) {
			*f.value = validate.URIs(entries)
			f.lines = append([]string(nil), *f.value...)
			f.recheck()
			return nil
		}
	}
}

// readLine reads one line a byte at a time, so that nothing after it is taken
// from r: the next prompt reads on from the same input.
func readLine(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 1 && b[0] == '\n' {
			return strings.TrimSuffix(string(line), "\r"), nil
		}
		if n == 1 {
			line = append(line, b[0])
		}
		if err != nil {
			return strings.TrimSuffix(string(line), "\r"), err
		}
	}
}

// Skip is part of huh.Field.
func (*RedirectURIsField) Skip() bool { return false }

// Zoom is part of huh.Field.
func (*RedirectURIsField) Zoom() bool { return false }

// KeyBinds is part of huh.Field: the help line shows these.
func (f *RedirectURIsField) KeyBinds() []key.Binding {
	return []key.Binding{f.keys.NewLine, f.keys.Prev, f.keys.Next}
}

// WithTheme is part of huh.Field.
func (f *RedirectURIsField) WithTheme(t huh.Theme) huh.Field {
	if f.theme == nil {
		f.theme = t
		f.styles = nil
		f.stale = true
	}
	return f
}

// WithKeyMap is part of huh.Field; the editor keeps its own keys, since enter
// starts a new line here.
func (f *RedirectURIsField) WithKeyMap(*huh.KeyMap) huh.Field { return f }

// WithWidth is part of huh.Field.
func (f *RedirectURIsField) WithWidth(w int) huh.Field {
	if w > 0 && w != f.width {
		f.width = w
		f.stale = true
	}
	return f
}

// WithHeight is part of huh.Field; the editor's height follows its lines.
func (f *RedirectURIsField) WithHeight(int) huh.Field { return f }

// WithPosition is part of huh.Field.
func (f *RedirectURIsField) WithPosition(p huh.FieldPosition) huh.Field {
	f.keys.Prev.SetEnabled(!p.IsFirst() || p.Group > 0)
	return f
}

// GetKey is part of huh.Field.
func (f *RedirectURIsField) GetKey() string { return f.key }

// GetValue is part of huh.Field: the URIs, blank lines left out.
func (f *RedirectURIsField) GetValue() any { return append([]string(nil), *f.value...) }

// colorOf keeps only a theme style's colour: huh's indicator styles carry
// strings and margins of their own.
func colorOf(s lipgloss.Style) lipgloss.Style {
	return lipgloss.NewStyle().Foreground(s.GetForeground())
}

// wrapText wraps s at width columns on spaces.
func wrapText(s string, width int) string {
	return lipgloss.Wrap(s, width, " ")
}
