package field

import (
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/api"
)

// ChoicesField picks any number of a field's options (scopes, grant types)
// as a huh field. It looks and answers to the keys as huh's MultiSelect does,
// without its filter (a list this short needs none), and marks an option
// that a chosen one includes, as a write scope includes its read scope.
//
// A key costs one drawing of its options: huh's MultiSelect draws all its
// options about three times per key (in Update, to measure them for its
// viewport, and twice in View), which was most of a key's cost on the
// scopes page.
type ChoicesField struct {
	value    *[]string
	options  []api.Choice
	labels   []string // each value padded to the widest, then its help
	widths   []int    // each label's width
	chosen   []bool
	cursor   int
	offset   int // the first option in view
	key      string
	title    string
	desc     string
	validate func([]string) error
	err      error

	fieldChrome
	keys huh.MultiSelectKeyMap
}

// NewChoicesField returns a field bound to value, offering options.
func NewChoicesField(value *[]string, options []api.Choice) *ChoicesField {
	width := 0
	for _, o := range options {
		width = max(width, len(o.Value))
	}
	f := &ChoicesField{
		value:    value,
		options:  options,
		labels:   make([]string, len(options)),
		widths:   make([]int, len(options)),
		chosen:   make([]bool, len(options)),
		validate: func([]string) error { return nil },
		keys:     huh.NewDefaultKeyMap().MultiSelect,
	}
	f.fieldChrome = newFieldChrome()
	for i, o := range options {
		f.labels[i] = fmt.Sprintf("%-*s", width+1, o.Value) + " " + o.Help
		f.widths[i] = ansi.StringWidth(f.labels[i])
		for _, v := range *value {
			f.chosen[i] = f.chosen[i] || v == o.Value
		}
	}
	f.keys.Filter.SetEnabled(false)
	return f
}

// Key sets the key the form stores the value under.
func (f *ChoicesField) Key(k string) *ChoicesField { f.key = k; return f }

// Title sets the field's title.
func (f *ChoicesField) Title(t string) *ChoicesField { f.title = t; return f }

// Description sets the line under the title.
func (f *ChoicesField) Description(d string) *ChoicesField { f.desc = d; return f }

// Validate sets the rule the chosen values must meet to leave the field.
func (f *ChoicesField) Validate(rule func([]string) error) *ChoicesField {
	f.validate = rule
	return f
}

// store writes the chosen values, in the options' order, and checks them.
func (f *ChoicesField) store() {
	values := make([]string, 0, len(f.options))
	for i, o := range f.options {
		if f.chosen[i] {
			values = append(values, o.Value)
		}
	}
	*f.value = values
	f.err = f.validate(values)
}

// Update moves the cursor, chooses and leaves.
func (f *ChoicesField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.BackgroundColorMsg:
		f.setBackground(msg)
	case tea.KeyPressMsg:
		if !f.focused {
			return f, nil
		}
		f.err = nil
		k, last := f.keys, len(f.options)-1
		switch {
		case key.Matches(msg, k.Up):
			f.cursor = max(f.cursor-1, 0)
		case key.Matches(msg, k.Down):
			f.cursor = min(f.cursor+1, last)
		case key.Matches(msg, k.GotoTop):
			f.cursor = 0
		case key.Matches(msg, k.GotoBottom):
			f.cursor = last
		case key.Matches(msg, k.HalfPageUp):
			f.cursor = max(f.cursor-f.rows()/2, 0)
		case key.Matches(msg, k.HalfPageDown):
			f.cursor = min(f.cursor+f.rows()/2, last)
		case key.Matches(msg, k.Toggle):
			f.chosen[f.cursor] = !f.chosen[f.cursor]
			f.store()
		case key.Matches(msg, k.SelectAll, k.SelectNone):
			all := f.count() < len(f.options)
			for i := range f.chosen {
				f.chosen[i] = all
			}
			f.store()
		case key.Matches(msg, k.Prev):
			if f.store(); f.err != nil {
				return f, nil
			}
			return f, huh.PrevField
		case key.Matches(msg, k.Next, k.Submit):
			if f.store(); f.err != nil {
				return f, nil
			}
			return f, huh.NextField
		}
	}
	return f, nil
}

// count is how many options are chosen.
func (f *ChoicesField) count() int {
	n := 0
	for _, c := range f.chosen {
		if c {
			n++
		}
	}
	return n
}

// Focus is part of huh.Field; like huh's fields, it checks the value,
// though an empty choice is said to be wrong only on enter.
func (f *ChoicesField) Focus() tea.Cmd {
	f.store()
	if f.count() == 0 {
		f.err = nil // nothing chosen yet is where one starts, not a mistake; enter on it is
	}
	f.focused = true
	return nil
}

// Blur is part of huh.Field; it records what would block leaving.
func (f *ChoicesField) Blur() tea.Cmd {
	f.store()
	f.focused = false
	return nil
}

// Error is part of huh.Field.
func (f *ChoicesField) Error() error { return f.err }

// Run runs the field on its own.
func (f *ChoicesField) Run() error { return huh.Run(f) }

// RunAccessible asks through huh's numbered prompt, so that screen readers
// hear what they hear in every huh program.
func (f *ChoicesField) RunAccessible(w io.Writer, r io.Reader) error {
	options := make([]huh.Option[string], len(f.options))
	for i, o := range f.options {
		options[i] = huh.NewOption(f.labels[i], o.Value)
	}
	field := huh.NewMultiSelect[string]().Key(f.key).Title(f.title).Options(options...).
		Value(f.value).Validate(f.validate)
	if f.desc != "" {
		field.Description(f.desc)
	}
	if err := field.WithTheme(f.themeOrDefault()).RunAccessible(w, r); err != nil {
		return err
	}
	for i, o := range f.options {
		f.chosen[i] = false
		for _, v := range *f.value {
			f.chosen[i] = f.chosen[i] || v == o.Value
		}
	}
	return nil
}

// KeyBinds is part of huh.Field: the help line shows these, in huh's order.
func (f *ChoicesField) KeyBinds() []key.Binding {
	k := &f.keys
	all := f.count() < len(f.options)
	k.SelectAll.SetEnabled(all)
	k.SelectNone.SetEnabled(!all)
	return []key.Binding{k.Toggle, k.Up, k.Down, k.Prev, k.Submit, k.Next, k.SelectAll, k.SelectNone}
}

// WithTheme is part of huh.Field.
func (f *ChoicesField) WithTheme(t huh.Theme) huh.Field { f.setTheme(t); return f }

// WithKeyMap is part of huh.Field.
func (f *ChoicesField) WithKeyMap(k *huh.KeyMap) huh.Field {
	f.keys = k.MultiSelect
	f.keys.Filter.SetEnabled(false)
	f.keys.SetFilter.SetEnabled(false)
	f.keys.ClearFilter.SetEnabled(false)
	return f
}

// WithWidth is part of huh.Field.
func (f *ChoicesField) WithWidth(w int) huh.Field { f.setWidth(w); return f }

// WithHeight is part of huh.Field: the options scroll within h lines.
func (f *ChoicesField) WithHeight(h int) huh.Field { f.setHeight(h); return f }

// WithPosition is part of huh.Field: it decides which of back, next and
// submit the keys offer.
func (f *ChoicesField) WithPosition(p huh.FieldPosition) huh.Field {
	f.keys.Prev.SetEnabled(!p.IsFirst())
	f.keys.Next.SetEnabled(!p.IsLast())
	f.keys.Submit.SetEnabled(p.IsLast())
	return f
}

// GetKey is part of huh.Field.
func (f *ChoicesField) GetKey() string { return f.key }

// GetValue is part of huh.Field.
func (f *ChoicesField) GetValue() any { return append([]string(nil), *f.value...) }

// choiceStyles are what the field draws with, measured once a drawing:
// lipgloss measures a style's text at every Render.
type choiceStyles struct {
	heading                  string // the title and description, as huh draws them
	headingLines             int
	selector, blank          string
	chosen, unchosen         string
	chosenText, unchosenText inlineStyle
	room                     int // the cells left for an option's text
	frame                    Frame
}

// drawing gives the styles of the field as it now is.
func (f *ChoicesField) drawing() *choiceStyles {
	st := f.fieldStyles()
	inner := f.width - st.Base.GetHorizontalFrameSize()
	var b strings.Builder
	if f.title != "" {
		b.WriteString(st.Title.Render(Wrap(f.title, inner)))
		if f.err != nil {
			b.WriteString(st.ErrorIndicator.String())
		}
		b.WriteString("\n")
	}
	if f.desc != "" {
		b.WriteString(st.Description.Render(Wrap(f.desc, inner)) + "\n")
	}
	selector := st.MultiSelectSelector.String()
	unchosen := st.UnselectedPrefix.String()
	return &choiceStyles{
		heading: b.String(), headingLines: strings.Count(b.String(), "\n"),
		selector: selector, blank: strings.Repeat(" ", ansi.StringWidth(selector)),
		chosen: st.SelectedPrefix.String(), unchosen: unchosen,
		chosenText: newInlineStyle(st.SelectedOption), unchosenText: newInlineStyle(st.UnselectedOption),
		room:  inner - ansi.StringWidth(selector) - ansi.StringWidth(unchosen),
		frame: NewFrame(st.Base, f.width)}
}

// rows is how many options are in view.
func (f *ChoicesField) rows() int {
	rows := len(f.options)
	if f.maxHeight > 0 {
		rows = min(rows, max(f.maxHeight-f.drawing().headingLines, 1))
	}
	return rows
}

// View draws the title, the description and the options in view.
func (f *ChoicesField) View() string {
	cs := f.drawing()
	var b strings.Builder
	b.WriteString(cs.heading)
	rows := f.rows()
	f.offset = min(max(f.offset, f.cursor-rows+1), f.cursor)
	for i := f.offset; i < f.offset+rows; i++ {
		if i > f.offset {
			b.WriteString("\n")
		}
		if i == f.cursor { // huh marks the cursor on a blurred field too
			b.WriteString(cs.selector)
		} else {
			b.WriteString(cs.blank)
		}
		label := f.label(i, cs.room)
		if f.chosen[i] {
			b.WriteString(cs.chosen + cs.chosenText.Render(label))
		} else {
			b.WriteString(cs.unchosen + cs.unchosenText.Render(label))
		}
	}
	return cs.frame.Render(b.String())
}

// label is option i's text within room cells: its help, or, when a chosen
// option includes it, what includes it.
func (f *ChoicesField) label(i, room int) string {
	label, width := f.labels[i], f.widths[i]
	if by := f.includedBy(i); by != "" {
		if full := label + " (in " + by + ")"; ansi.StringWidth(full) <= room {
			return full
		}
		label = strings.TrimSuffix(label, f.options[i].Help) + "included in " + by
		width = ansi.StringWidth(label)
	}
	if width <= room {
		return label
	}
	return ansi.Truncate(label, max(room, 1), "…")
}

// includedBy names a chosen option that includes option i, unchosen, or "".
func (f *ChoicesField) includedBy(i int) string {
	if f.chosen[i] {
		return ""
	}
	for j, o := range f.options {
		if f.chosen[j] && o.Implies == f.options[i].Value {
			return o.Value
		}
	}
	return ""
}

// Wrap wraps as huh wraps titles and descriptions.
func Wrap(s string, width int) string { return lipgloss.Wrap(s, width, ",.-; ") }
