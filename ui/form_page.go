package ui

import (
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"flexslot-register/api"
)

// formPage is one page of the form: its title and its fields, as buildForm
// gave them to huh.
type formPage struct {
	title  string
	fields []huh.Field
}

// pageView draws the focused page as huh's group draws it (title, fields
// apart by a blank line, scrolled to the focused field, errors under them),
// from the fields' own kept drawings. huh's group renders the page through a
// viewport and lipgloss at every frame, measuring every cell again: half of a
// key's cost once the fields themselves drew only what changed.
// TestPageViewIsHuhs holds it to huh's drawing.
func (s *formScreen) pageView() string {
	focused := s.form.GetFocusedField()
	page := api.PageOf(focused.GetKey())
	if page < 0 || page >= len(s.pages) {
		return s.form.View()
	}
	p := s.pages[page]
	styles := formTheme.Theme(s.app.isDark)
	width, height := s.width, s.height

	header := ""
	if p.title != "" {
		header = styles.Group.Title.Render(huhWrap(p.title, width))
	}
	var content strings.Builder
	offset := 0
	gap := styles.FieldSeparator.Render()
	var errs []string
	for i, f := range p.fields {
		if f == focused {
			offset = strings.Count(content.String(), "\n")
		}
		content.WriteString(f.View())
		if i < len(p.fields)-1 {
			content.WriteString(gap)
		}
		if err := f.Error(); err != nil {
			errs = append(errs, huhWrap(styles.Focused.ErrorMessage.Render(err.Error()), width))
		}
	}
	// huh sizes the viewport when the form gets its height, before any
	// error shows: the page's height less its title.
	rows := height - lipgloss.Height(header)
	parts := []string{header, viewportView(content.String(), offset, width, rows)}
	if header == "" {
		parts = parts[1:]
	}
	if footer := styles.Group.Base.Render(strings.Join(errs, "\n")); footer != "" {
		parts = append(parts, "", footer)
	}
	// huh trims one space off the end, which some terminals scroll on.
	parts[len(parts)-1] = strings.TrimSuffix(parts[len(parts)-1], " ")
	return styles.Form.Base.Render(strings.Join(parts, "\n"))
}

// viewportView is what bubbles' viewport shows of content, scrolled to line
// offset as far as the content allows, in a box of width by rows, each line
// cut or padded to width.
func viewportView(content string, offset, width, rows int) string {
	if width <= 0 || rows <= 0 {
		return ""
	}
	lines := strings.Split(content, "\n")
	if len(lines) == 1 && ansi.StringWidth(lines[0]) == 0 {
		lines = nil
	}
	offset = min(max(offset, 0), max(len(lines)-rows, 0))
	lines = lines[offset:min(offset+rows, len(lines))]
	blank := strings.Repeat(" ", width)
	var b strings.Builder
	for i := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i >= len(lines) {
			b.WriteString(blank)
			continue
		}
		line := lines[i]
		w := ansi.StringWidth(line)
		if w > width {
			line, w = ansi.Truncate(line, width, ""), width
		}
		b.WriteString(line)
		b.WriteString(blank[:width-w])
	}
	return b.String()
}
