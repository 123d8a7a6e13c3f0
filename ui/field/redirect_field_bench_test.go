package field

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// benchKeystroke measures one typed character, Update and View, in an editor
// holding n URIs, the cursor on the last line.
func benchKeystroke(b *testing.B, n int) {
	uris := make([]string, n)
	for i := range uris {
		uris[i] = fmt.Sprintf("https://app%d.decktracker.example/oauth/callback", i)
	}
	f := NewRedirectURIsField(&uris)
	f.WithWidth(80)
	f.Focus()
	f.View()
	typed := tea.KeyPressMsg{Code: 'x', Text: "x"}
	erase := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			f.Update(typed)
		} else {
			f.Update(erase)
		}
		_ = f.View()
	}
}

// BenchmarkKeystrokeRedirectURIs100 must stay under 1 ms/op (issue 3).
func BenchmarkKeystrokeRedirectURIs100(b *testing.B) { benchKeystroke(b, 100) }

// BenchmarkKeystrokeRedirectURIs1 shows the small case.
func BenchmarkKeystrokeRedirectURIs1(b *testing.B) { benchKeystroke(b, 1) }

// BenchmarkKeystrokeRedirectURIs1000 shows that a key costs about the same
// with a thousand URIs: only the edited line is checked again.
func BenchmarkKeystrokeRedirectURIs1000(b *testing.B) { benchKeystroke(b, 1000) }
