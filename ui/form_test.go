package ui

import (
	"testing"

	"charm.land/lipgloss/v2"

	"flexslot-register/api"
)

// TestWidestHelp keeps widestHelp, by which the form decides to keep room
// for a second help line, the width of the widest help line of any field.
func TestWidestHelp(t *testing.T) {
	widest, at := 0, ""
	for _, f := range api.Fields {
		m := benchModel(t, 2)
		openAt(m, f.JSON)
		s, ok := m.current.(*formScreen)
		if !ok {
			t.Fatalf("%s: the form is not open", f.JSON)
		}
		if got := s.form.GetFocusedField().GetKey(); got != f.JSON {
			t.Fatalf("opened at %s, focused on %s", f.JSON, got)
		}
		m.width = 1000
		if w := lipgloss.Width(m.helpLine(s.form.KeyBinds()...)); w > widest {
			widest, at = w, f.JSON
		}
	}
	if widest != widestHelp {
		t.Errorf("the widest help line (%s) is %d wide; widestHelp is %d", at, widest, widestHelp)
	}
}
