package ui

import (
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/ui/field"
)

// formPage is one page of the form: its title and its fields, as buildForm
// gave them to huh.
type formPage struct {
	title  string
	fields []huh.Field
}

// measuredView is a field's drawing cut into lines, each with its width.
type measuredView struct {
	view   string
	lines  []string
	widths []int
}

// measure cuts a field's drawing into lines and measures them.
func measure(f huh.Field) *measuredView {
	view := f.View()
	mv := &measuredView{view: view, lines: strings.Split(view, "\n")}
	mv.widths = make([]int, len(mv.lines))
	for i, l := range mv.lines {
		mv.widths[i] = ansi.StringWidth(l)
	}
	return mv
}

// focusedPage is the page of the focused field.
func (s *formScreen) focusedPage() (formPage, bool) {
	page := api.PageOf(s.form.GetFocusedField().GetKey())
	if page < 0 || page >= len(s.pages) {
		return formPage{}, false
	}
	return s.pages[page], true
}

// errorsFooter is what huh draws under a page's fields while they have
// errors, each wrapped to width; "" without errors.
func (s *formScreen) errorsFooter(p formPage, styles *huh.Styles, width int) string {
	var errs []string
	for _, f := range p.fields {
		if err := f.Error(); err != nil {
			errs = append(errs, field.Wrap(styles.Focused.ErrorMessage.Render(err.Error()), width))
		}
	}
	if len(errs) == 0 {
		return ""
	}
	return styles.Group.Base.Render(strings.Join(errs, "\n"))
}

// pageView draws the focused page as huh's group draws it (title, fields
// apart by a blank line, scrolled to the focused field, errors under them),
// from the fields' own drawings. huh's group renders the page through a
// viewport and lipgloss at every frame, measuring every cell again.
// TestPageViewIsHuhs holds it to huh's drawing.
func (s *formScreen) pageView() string {
	focused := s.form.GetFocusedField()
	p, ok := s.focusedPage()
	if !ok {
		return s.form.View()
	}
	styles := field.Theme.Theme(s.app.isDark)
	width, height := s.width, s.height

	header := ""
	if p.title != "" {
		header = styles.Group.Title.Render(field.Wrap(p.title, width))
	}
	// The page's lines, as huh joins its fields: a blank line between two.
	var lines []string
	var widths []int
	offset := 0
	gap := strings.Count(styles.FieldSeparator.Render(), "\n")
	for i, f := range p.fields {
		if f == focused {
			offset = len(lines)
		}
		mv := measure(f)
		lines, widths = append(lines, mv.lines...), append(widths, mv.widths...)
		if i < len(p.fields)-1 {
			for range gap - 1 {
				lines, widths = append(lines, ""), append(widths, 0)
			}
		}
	}
	// huh sizes the viewport when the form gets its height (resize): the
	// page's height less its title and the errors under the fields then.
	rows := height - lipgloss.Height(header) - s.footer
	parts := []string{header, viewportView(lines, widths, offset, width, rows)}
	if header == "" {
		parts = parts[1:]
	}
	if footer := s.errorsFooter(p, styles, width); footer != "" {
		parts = append(parts, "", footer)
	}
	// huh trims one space off the end, which some terminals scroll on.
	parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], " ")
	return styles.Form.Base.Render(strings.Join(parts, "\n"))
}

// viewportView is what bubbles' viewport shows of lines (each widths[i]
// wide), scrolled to line offset as far as they allow, in a box of width by
// rows, each line cut or padded to width.
func viewportView(lines []string, widths []int, offset, width, rows int) string {
	if width <= 0 || rows <= 0 {
		return ""
	}
	if len(lines) == 1 && widths[0] == 0 {
		lines = nil
	}
	offset = min(max(offset, 0), max(len(lines)-rows, 0))
	blank := strings.Repeat(" ", width)
	var b strings.Builder
	for i := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		if offset+i >= len(lines) {
			b.WriteString(blank)
			continue
		}
		line, w := lines[offset+i], widths[offset+i]
		if w > width {
			line, w = ansi.Truncate(line, width, ""), width
		}
		b.WriteString(line)
		b.WriteString(blank[:width-w])
	}
	return b.String()
}
