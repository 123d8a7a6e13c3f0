package validate

import (
	"strings"
	"testing"
)

func TestJustification(t *testing.T) {
	tests := []struct {
		text string
		want string // a part of the error; "" for none
	}{
		{"", "at least 10 characters (this has 0)"},
		{"too short", "(this has 9)"},
		{"ten chars!", ""},
		{"éééééééééé", ""}, // 10 code points, 20 bytes
		{strings.Repeat("x", 2000), ""},
		{strings.Repeat("x", 2001), "at most 2000 characters (this has 2001)"},
	}
	for _, tt := range tests {
		err := Justification(tt.text)
		if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("Justification(%.20q) = %v, want %q", tt.text, err, tt.want)
		}
	}
}

func TestRequestedScopes(t *testing.T) {
	many := func(n int, prefix string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = prefix + strings.Repeat("x", i+1)
		}
		return out
	}
	tests := []struct {
		name          string
		scopes, games []string
		want          string
	}{
		{"nothing", nil, nil, "at least one scope or game scope"},
		{"a scope", []string{"exports:read"}, nil, ""},
		{"a game scope", nil, []string{"magic_the-gathering"}, ""},
		{"20 scopes", many(20, "s"), nil, ""},
		{"21 scopes", many(21, "s"), nil, "at most 20 scopes"},
		{"10 game scopes", nil, many(10, "g"), ""},
		{"11 game scopes", nil, many(11, "g"), "at most 10 game scopes"},
		{"empty scope", []string{""}, nil, "1 to 64 characters"},
		{"65-character scope", []string{strings.Repeat("s", 65)}, nil, "1 to 64 characters"},
		{"scope twice", []string{"decks:read", "decks:read"}, nil, "named twice"},
		{"game scope with a colon", nil, []string{"mtg:arena"}, "letters, digits, - and _"},
		{"33-character game scope", nil, []string{strings.Repeat("g", 33)}, "1 to 32"},
		{"game scope twice", nil, []string{"mtg", "mtg"}, "named twice"},
		{"same text as scope and game scope", []string{"mtg"}, []string{"mtg"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := RequestedScopes(tt.scopes, tt.games)
			if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("RequestedScopes = %v, want %q", err, tt.want)
			}
		})
	}
}
