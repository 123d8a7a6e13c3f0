package iostreams

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestOutAndErrOutAreSanitized(t *testing.T) {
	hostile := "Deck\x1b]52;c;ZXZpbA==\x07 \x1b[2J\u202eTracker\nnext line"
	tests := []struct {
		name  string
		write func(s *IOStreams)
		want  string
	}{
		{"Fprintln to Out", func(s *IOStreams) { fmt.Fprintln(s.Out, hostile) }, "Deck Tracker\nnext line\n"},
		{"Fprintf to ErrOut", func(s *IOStreams) { fmt.Fprintf(s.ErrOut, "x: %s\n", hostile) }, "x: Deck Tracker\nnext line\n"},
		{"JSON to Out", func(s *IOStreams) { json.NewEncoder(s.Out).Encode(map[string]string{"name": "a\u202eb"}) }, "{\"name\":\"ab\"}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, stdout, stderr := Test(strings.NewReader(""))
			tt.write(s)
			got := stdout.String() + stderr.String()
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInteractiveNeedsThreeTerminals(t *testing.T) {
	s, _, _ := Test(strings.NewReader(""))
	for _, tty := range [][3]bool{{true, true, false}, {true, false, true}, {false, true, true}} {
		s.SetTTY(tty[0], tty[1], tty[2])
		if s.Interactive() {
			t.Errorf("%v: interactive", tty)
		}
	}
	s.SetTTY(true, true, true)
	if !s.Interactive() {
		t.Error("three terminals: not interactive")
	}
}
