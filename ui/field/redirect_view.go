package field

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/validate"
)

// rowState is what the editor marks beside a line.
type rowState int

const (
	rowBlank rowState = iota
	rowOK
	rowWarning
	rowError
)

// rowStatus is a line's state and what to say of it.
type rowStatus struct {
	state   rowState
	message string
}

// status is what the editor says of a row: the server's complaint while the
// row is unedited, else the row's own problem.
func (f *RedirectURIsField) status(row int) rowStatus {
	if msg, ok := f.server[row]; ok {
		return rowStatus{state: rowError, message: "server: " + msg}
	}
	if f.buf.lines[row] == "" {
		return rowStatus{}
	}
	p := f.check.Problem(row)
	switch {
	case p.Message == "":
		return rowStatus{state: rowOK}
	case p.Warning:
		return rowStatus{state: rowWarning, message: p.Message}
	}
	return rowStatus{state: rowError, message: p.Message}
}

// editorHelp says how the editor takes URIs.
const editorHelp = "One per line (enter starts a new one; a pasted list is split)."

// View draws the title, the description, the visible lines with their
// states, and a summary. In a short window (WithHeight) it drops the
// description, then shows fewer lines, the cursor's always among them.
func (f *RedirectURIsField) View() string {
	st := f.fieldStyles()
	inner := max(f.width-st.Base.GetHorizontalFrameSize(), 20)
	desc := ""
	if f.description != nil {
		if d := f.description(); d != "" {
			desc = st.Description.Render(WrapText(editorHelp+" "+d, inner)) + "\n"
		}
	}
	rows := redirectFieldRows
	view := f.render(st, inner, desc, rows)
	for f.maxHeight > 0 && lipgloss.Height(view) > f.maxHeight {
		switch {
		case desc != "":
			desc = ""
		case rows > 1:
			rows--
		default:
			return view
		}
		view = f.render(st, inner, desc, rows)
	}
	return view
}

// render draws the field with rows lines of the list in view.
func (f *RedirectURIsField) render(st *huh.FieldStyles, inner int, desc string, rows int) string {
	f.buf.setHeight(rows)
	var b strings.Builder
	title := f.title
	if f.err != nil {
		title += colorOf(st.ErrorIndicator).Render(" *")
	}
	b.WriteString(st.Title.Render(title) + "\n" + desc)
	lines, offset := f.buf.lines, f.buf.offset
	if offset > 0 {
		b.WriteString(st.Description.Render(fmt.Sprintf("    ↑ %d more", offset)) + "\n")
	}
	gutter := len(strconv.Itoa(len(lines)))
	end := min(len(lines), offset+rows)
	for row := offset; row < end; row++ {
		b.WriteString(f.rowView(row, gutter, inner, st))
	}
	if end < len(lines) {
		b.WriteString(st.Description.Render(fmt.Sprintf("    ↓ %d more", len(lines)-end)) + "\n")
	}
	b.WriteString(f.summary(st))
	return NewFrame(st.Base, f.width).Render(b.String())
}

// rowView draws one line: number, state mark, the URI (with the cursor when
// focused), and under it the reason for a ✗ or !, in full on the cursor's line.
func (f *RedirectURIsField) rowView(row, gutter, width int, st *huh.FieldStyles) string {
	rs := f.rowStylesFor(st)
	status := f.status(row)
	mark := "  "
	switch status.state {
	case rowOK:
		mark = rs.ok.Render("✓") + " "
	case rowWarning:
		mark = rs.warning.Render("!") + " "
	case rowError:
		mark = rs.err.Render("✗") + " "
	}
	number := rs.description.Render(fmt.Sprintf("%*d ", gutter, row+1))
	textWidth := max(width-gutter-3, 10)
	text := validate.Sanitize(f.buf.lines[row])
	onCursor := f.focused && row == f.buf.row
	if onCursor {
		text = cursorLine(text, f.buf.col, textWidth, st)
	} else {
		text = rs.option.Render(ansi.Truncate(text, textWidth, "…"))
	}
	out := number + mark + text + "\n"
	if status.message == "" {
		return out
	}
	pad := strings.Repeat(" ", gutter+3)
	msgStyle := rs.errMessage
	if status.state == rowWarning {
		msgStyle = rs.description
	}
	if !onCursor {
		return out + pad + msgStyle.Render(ansi.Truncate(status.message, textWidth, "…")) + "\n"
	}
	for _, l := range strings.Split(WrapText(status.message, textWidth), "\n") {
		out += pad + msgStyle.Render(l) + "\n"
	}
	return out
}

// cursorLine shows the line around the cursor, scrolled when it is wider than
// width, with the cursor cell in reverse video.
func cursorLine(text string, col, width int, st *huh.FieldStyles) string {
	runes := []rune(text)
	col = min(col, len(runes))
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
	uris, errs, warnings := f.check.Counts()
	errs += len(f.server)
	parts := []string{plural(uris, "URI")}
	if errs > 0 {
		parts = append(parts, colorOf(st.ErrorMessage).Render(fmt.Sprintf("%d to fix", errs)))
	}
	if warnings > 0 {
		parts = append(parts, plural(warnings, "warning"))
	}
	out := st.Description.Render(strings.Join(parts, " · "))
	if listErr := f.check.ListProblem(); listErr != "" && f.err == nil && uris == 0 && len(f.buf.lines) > 1 {
		out += "\n" + colorOf(st.ErrorMessage).Render(listErr)
	}
	if f.serverAll != "" {
		out += "\n" + colorOf(st.ErrorMessage).Render("server: "+f.serverAll)
	}
	return out
}

// rowStyles are the styles of a row, measured once per theme and focus.
type rowStyles struct {
	from                         *huh.FieldStyles
	ok, warning, err, errMessage inlineStyle
	description, option          inlineStyle
}

// rowStylesFor gives the row styles of st, measuring them when st is new.
func (f *RedirectURIsField) rowStylesFor(st *huh.FieldStyles) *rowStyles {
	if f.rowStyles.from != st {
		f.rowStyles = rowStyles{from: st,
			ok: newInlineStyle(colorOf(st.SelectedPrefix)), warning: newInlineStyle(colorOf(st.NextIndicator)),
			err: newInlineStyle(colorOf(st.ErrorIndicator)), errMessage: newInlineStyle(colorOf(st.ErrorMessage)),
			description: newInlineStyle(st.Description), option: newInlineStyle(st.Option)}
	}
	return &f.rowStyles
}

// colorOf keeps only a theme style's colour: huh's indicator styles carry
// strings and margins of their own.
func colorOf(s lipgloss.Style) lipgloss.Style {
	return lipgloss.NewStyle().Foreground(s.GetForeground())
}
