package validate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitRedirectURIs(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []RedirectEntry
	}{
		{"empty", "", nil},
		{"blank lines only", "\n  \n\t\n", nil},
		{"one per line", "https://a.example/cb\nhttps://b.example/cb\n",
			[]RedirectEntry{{1, "https://a.example/cb"}, {2, "https://b.example/cb"}}},
		{"windows line ends and blank lines keep line numbers", "https://a.example/cb\r\n\r\nhttps://b.example/cb\r\n",
			[]RedirectEntry{{1, "https://a.example/cb"}, {3, "https://b.example/cb"}}},
		{"spaces between", "https://a.example/cb https://b.example/cb",
			[]RedirectEntry{{1, "https://a.example/cb"}, {1, "https://b.example/cb"}}},
		{"comma and space between", "https://a.example/cb, https://b.example/cb,",
			[]RedirectEntry{{1, "https://a.example/cb"}, {1, "https://b.example/cb"}}},
		{"comma before a scheme", "https://a.example/cb,http://127.0.0.1:8765/cb",
			[]RedirectEntry{{1, "https://a.example/cb"}, {1, "http://127.0.0.1:8765/cb"}}},
		{"comma in a query stays", "https://a.example/cb?ids=1,2,x:y",
			[]RedirectEntry{{1, "https://a.example/cb?ids=1,2,x:y"}}},
		{"comma before a custom scheme splits too", "https://a.example/cb,com.example.app:/cb",
			[]RedirectEntry{{1, "https://a.example/cb"}, {1, "com.example.app:/cb"}}},
		{"lone commas", " , ,, https://a.example/cb ,",
			[]RedirectEntry{{1, "https://a.example/cb"}}},
		{"invalid URIs are kept for the checker", "not a uri",
			[]RedirectEntry{{1, "not"}, {1, "a"}, {1, "uri"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitRedirectURIs(tt.input)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("SplitRedirectURIs(%q)\n got  %v\n want %v", tt.input, got, tt.want)
			}
		})
	}
}

func TestRedirectURIs(t *testing.T) {
	const (
		a = "https://a.example/cb"
		b = "http://127.0.0.1:8765/callback"
	)
	tests := []struct {
		name  string
		input []string
		want  []Problem
	}{
		{"one", []string{a}, nil},
		{"two different", []string{a, b}, nil},
		{"none", nil, []Problem{{Message: "Add at least one redirect URI."}}},
		{"invalid entry", []string{a, "https://a.example/cb#x"}, []Problem{
			{Line: 2, Index: 1, URI: "https://a.example/cb#x", Message: "Remove the fragment (the part from #): redirect URIs cannot have one."},
		}},
		{"exact duplicate names both lines", []string{a, b, a}, []Problem{
			{Line: 3, Index: 2, URI: a, Message: "Line 3 repeats Line 1: keep one of them."},
		}},
		{"trailing slash is a warning", []string{a, a + "/"}, []Problem{
			{Line: 2, Index: 1, URI: a + "/", Warning: true,
				Message: "Line 2 differs from Line 1 only by a trailing slash; the server matches byte for byte, so both are kept as different URIs."},
		}},
		{"root path slash", []string{"https://a.example", "https://a.example/"}, []Problem{
			{Line: 2, Index: 1, URI: "https://a.example/", Warning: true,
				Message: "Line 2 differs from Line 1 only by a trailing slash; the server matches byte for byte, so both are kept as different URIs."},
		}},
		{"default https port is a warning", []string{a, "https://a.example:443/cb"}, []Problem{
			{Line: 2, Index: 1, URI: "https://a.example:443/cb", Warning: true,
				Message: "Line 2 differs from Line 1 only by the default port; the server matches byte for byte, so both are kept as different URIs."},
		}},
		{"default http port and slash", []string{"http://localhost:80/cb/", "http://localhost/cb"}, []Problem{
			{Line: 2, Index: 1, URI: "http://localhost/cb", Warning: true,
				Message: "Line 2 differs from Line 1 only by the default port and a trailing slash; the server matches byte for byte, so both are kept as different URIs."},
		}},
		{"scheme case", []string{a, "HTTPS://a.example/cb"}, []Problem{
			{Line: 2, Index: 1, URI: "HTTPS://a.example/cb", Warning: true,
				Message: "Line 2 differs from Line 1 only by the letter case of the scheme; the server matches byte for byte, so both are kept as different URIs."},
		}},
		{"another port is not a near-duplicate", []string{"http://127.0.0.1:8765/cb", "http://127.0.0.1:8766/cb"}, nil},
		{"another query is not a near-duplicate", []string{a, a + "?x=1", a + "?"}, nil},
		{"a path that differs is not a near-duplicate", []string{a, a + "2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RedirectURIs(EntriesOf(tt.input))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("RedirectURIs(%q)\n got  %+v\n want %+v", tt.input, got, tt.want)
			}
		})
	}
}

func TestRedirectURIsReportsTypedLines(t *testing.T) {
	text := "https://a.example/cb\n\nhttps://b.example/cb, https://a.example/cb\nftp://x/cb"
	got := RedirectURIs(SplitRedirectURIs(text))
	want := []Problem{
		{Line: 3, Index: 2, URI: "https://a.example/cb", Message: "Line 3 repeats Line 1: keep one of them."},
		{Line: 4, Index: 3, URI: "ftp://x/cb",
			Message: `Custom schemes such as "ftp:" are not allowed: native apps use a loopback redirect such as http://127.0.0.1:8765/callback.`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestHasErrors(t *testing.T) {
	tests := []struct {
		name     string
		problems []Problem
		want     bool
	}{
		{"none", nil, false},
		{"warnings only", []Problem{{Warning: true}, {Warning: true}}, false},
		{"an error among warnings", []Problem{{Warning: true}, {}}, true},
	}
	for _, tt := range tests {
		if got := HasErrors(tt.problems); got != tt.want {
			t.Errorf("%s: HasErrors = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestURIsKeepsOrder(t *testing.T) {
	uris := []string{"https://b.example/cb", "https://a.example/cb"}
	if got := URIs(EntriesOf(uris)); !reflect.DeepEqual(got, uris) {
		t.Errorf("URIs(EntriesOf(x)) = %q, want %q", got, uris)
	}
}

// FuzzRedirectURI checks that RedirectURI never panics, always explains a
// refusal, and never accepts what the server forbids.
func FuzzRedirectURI(f *testing.F) {
	for _, s := range []string{
		"https://example.com/cb", "http://127.0.0.1:8765/callback", "http://[::1]:0/", "com.app:/cb",
		"https://*.example.com", "https://u@h/", "https://h/#f", "http://h:99999/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		err := RedirectURI(raw)
		if err != nil {
			if err.Error() == "" || !strings.HasSuffix(err.Error(), ".") {
				t.Fatalf("RedirectURI(%q): unclear message %q", raw, err)
			}
			return
		}
		lower := strings.ToLower(raw)
		switch {
		case len(raw) == 0 || len(raw) > MaxURILength:
			t.Fatalf("accepted length %d", len(raw))
		case strings.ContainsAny(raw, "*#"):
			t.Fatalf("accepted a wildcard or fragment: %q", raw)
		case strings.ContainsFunc(raw, unicode.IsSpace):
			t.Fatalf("accepted white space: %q", raw)
		case !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://"):
			t.Fatalf("accepted another scheme: %q", raw)
		}
	})
}

// FuzzSplitRedirectURIs checks that splitting keeps every non-separator byte,
// in order, and that entries carry no separators and valid line numbers.
func FuzzSplitRedirectURIs(f *testing.F) {
	for _, s := range []string{
		"https://a/cb\nhttps://b/cb", "https://a/cb, https://b/cb", "https://a/cb,http://b/cb",
		"https://a/cb?x=1,2", ",,,", "\r\n\r\n", "a,b:c,,d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		entries := SplitRedirectURIs(text)
		lines := strings.Count(text, "\n") + 1
		last := 0
		var kept strings.Builder
		for _, e := range entries {
			if e.URI == "" || strings.ContainsFunc(e.URI, unicode.IsSpace) {
				t.Fatalf("entry %q is empty or holds white space", e.URI)
			}
			if strings.HasPrefix(e.URI, ",") || strings.HasSuffix(e.URI, ",") {
				t.Fatalf("entry %q keeps a separating comma", e.URI)
			}
			if e.Line < last || e.Line < 1 || e.Line > lines {
				t.Fatalf("line %d out of order or range (last %d, %d lines)", e.Line, last, lines)
			}
			last = e.Line
			kept.WriteString(e.URI)
		}
		var stripped strings.Builder
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r != ',' && !unicode.IsSpace(r) {
				stripped.WriteString(text[i : i+size])
			}
			i += size
		}
		keptStripped := strings.ReplaceAll(kept.String(), ",", "")
		if keptStripped != stripped.String() {
			t.Fatalf("bytes lost or added: kept %q from %q", kept.String(), text)
		}
		// The checker must cope with whatever the splitter produces.
		_ = HasErrors(RedirectURIs(entries))
	})
}

// FuzzRedirectURIs checks the list rules on two-entry lists: no panic, problems
// point at real entries, and an exact duplicate is always an error.
func FuzzRedirectURIs(f *testing.F) {
	f.Add("https://a.example/cb", "https://a.example/cb/")
	f.Add("http://localhost:80/cb", "http://localhost/cb")
	f.Add("https://a.example/cb", "https://a.example/cb")
	f.Fuzz(func(t *testing.T, first, second string) {
		entries := EntriesOf([]string{first, second})
		problems := RedirectURIs(entries)
		for _, p := range problems {
			if p.Index < 0 || p.Index >= len(entries) || entries[p.Index].URI != p.URI || p.Message == "" {
				t.Fatalf("problem %+v does not match the entries %+v", p, entries)
			}
		}
		if first == second && !HasErrors(problems) {
			t.Fatalf("duplicate %q accepted", first)
		}
	})
}

// FuzzOptionalURL checks that links are either refused with a message or are
// https (http on loopback only) within the length limit.
func FuzzOptionalURL(f *testing.F) {
	for _, s := range []string{"", "https://example.com/privacy", "http://localhost/logo.png", "data:,x", "javascript:alert(1)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		err := OptionalURL(raw)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("OptionalURL(%q): empty message", raw)
			}
			return
		}
		lower := strings.ToLower(raw)
		if raw != "" && (len(raw) > MaxURILength || !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "http://")) {
			t.Fatalf("accepted %q", raw)
		}
	})
}

func TestRedirectLinesMemoIsBounded(t *testing.T) {
	var l RedirectLines
	l.Reset([]string{""})
	for i := range maxMemo + 10 {
		l.SetLine(0, fmt.Sprintf("https://h%d.example/", i))
	}
	if len(l.memo) > maxMemo {
		t.Errorf("memo grew to %d", len(l.memo))
	}
}
