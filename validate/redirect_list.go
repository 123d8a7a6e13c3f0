package validate

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// RedirectEntry is one redirect URI as the user gave it, with the line it stands
// on (1-based), so that a problem can be reported where the user will look.
type RedirectEntry struct {
	Line int
	URI  string
}

// Problem is something wrong, or worth a second look, in a list of redirect URIs.
type Problem struct {
	// Line is the 1-based line of the entry, and Index its position in the list
	// (the index the server uses in its errors); both are 0 for a problem of the
	// whole list.
	Line, Index int
	// URI is the entry the problem is about, as typed.
	URI string
	// Message says what is wrong and what to do.
	Message string
	// Warning marks a problem that does not block the registration.
	Warning bool
}

// SplitRedirectURIs turns what the user typed or pasted into entries: one URI per
// line, and several on a line when pasted with spaces or commas between them.
// Blank lines are skipped. A comma splits two URIs only where it stands between
// white space or before a scheme ("https://a/cb,https://b/cb"), so a comma inside
// a query string ("?ids=1,2") stays part of its URI. Nothing else is rewritten.
func SplitRedirectURIs(text string) []RedirectEntry {
	var entries []RedirectEntry
	for i, line := range strings.Split(text, "\n") {
		for _, field := range strings.FieldsFunc(line, unicode.IsSpace) {
			for _, uri := range splitCommas(field) {
				entries = append(entries, RedirectEntry{Line: i + 1, URI: uri})
			}
		}
	}
	return entries
}

// splitCommas splits a run of text without white space at the commas that end
// it, start it, or come right before a scheme; the commas themselves are dropped.
func splitCommas(field string) []string {
	var parts []string
	start := 0
	for i := 0; i <= len(field); i++ {
		if i < len(field) && (field[i] != ',' || !startsWithScheme(strings.TrimLeft(field[i:], ","))) {
			continue
		}
		if part := strings.Trim(field[start:i], ","); part != "" {
			parts = append(parts, part)
		}
		start = i
	}
	return parts
}

// startsWithScheme reports whether s begins like an absolute URI with a path:
// "x:/" where x is a scheme as RFC 3986 spells it.
func startsWithScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.HasPrefix(s[i+1:], "/")
		default:
			return false
		}
	}
	return false
}

// EntriesOf numbers a plain list of URIs (from flags or a manifest) one per line.
func EntriesOf(uris []string) []RedirectEntry {
	entries := make([]RedirectEntry, len(uris))
	for i, uri := range uris {
		entries[i] = RedirectEntry{Line: i + 1, URI: uri}
	}
	return entries
}

// URIs returns the URIs of entries in order, as the request sends them.
func URIs(entries []RedirectEntry) []string {
	uris := make([]string, len(entries))
	for i, e := range entries {
		uris[i] = e.URI
	}
	return uris
}

// RedirectURIs checks a whole list: at least one entry, each valid (RedirectURI),
// no exact duplicates, and a warning for near-duplicates that differ only by a
// trailing slash or a default port, since the server would keep both as
// different URIs. Problems come in list order.
func RedirectURIs(entries []RedirectEntry) []Problem {
	if len(entries) == 0 {
		return []Problem{{Message: "Add at least one redirect URI."}}
	}
	var problems []Problem
	seen := make(map[string]RedirectEntry, len(entries))
	near := make(map[string]nearShape, len(entries))
	for i, e := range entries {
		p := Problem{Line: e.Line, Index: i, URI: e.URI}
		checked := checkURI(e.URI)
		if checked.err != nil {
			p.Message = checked.err.Error()
			problems = append(problems, p)
			continue
		}
		if first, ok := seen[e.URI]; ok {
			p.Message = fmt.Sprintf("%s repeats %s: keep one of them.", lineName(e.Line), lineName(first.Line))
			problems = append(problems, p)
			continue
		}
		seen[e.URI] = e
		shape := checked.shape
		if first, ok := near[shape.key]; ok {
			p.Message = fmt.Sprintf("%s differs from %s only by %s; the server matches byte for byte, so both are kept as different URIs.",
				lineName(e.Line), lineName(first.line), shape.difference(first))
			p.Warning = true
			problems = append(problems, p)
			continue
		}
		shape.line = e.Line
		near[shape.key] = shape
	}
	return problems
}

// checkedURI is what is learnt of one URI on its own.
type checkedURI struct {
	err   error
	shape nearShape
}

// checkURI checks one URI and, when valid, works out its near-duplicate shape.
func checkURI(uri string) checkedURI {
	got := checkedURI{err: RedirectURI(uri)}
	if got.err == nil {
		got.shape = nearShapeOf(uri)
	}
	return got
}

// HasErrors reports whether any problem blocks the registration.
func HasErrors(problems []Problem) bool {
	for _, p := range problems {
		if !p.Warning {
			return true
		}
	}
	return false
}

func lineName(line int) string {
	return fmt.Sprintf("Line %d", line)
}

// nearShape is what two near-duplicate URIs share (key) and what can set them
// apart: a default port written out, a trailing slash, the case of the scheme.
type nearShape struct {
	key          string
	line         int
	defaultPort  bool
	slash        bool
	schemeCasing string
}

// nearShapeOf is only called on URIs that RedirectURI accepted.
func nearShapeOf(raw string) nearShape {
	u, _ := url.Parse(raw)
	port := u.Port()
	shape := nearShape{
		defaultPort:  (u.Scheme == "https" && port == "443") || (u.Scheme == "http" && port == "80"),
		slash:        strings.HasSuffix(u.EscapedPath(), "/"),
		schemeCasing: raw[:len(u.Scheme)],
	}
	host := u.Host
	if shape.defaultPort {
		host = strings.TrimSuffix(host, ":"+port)
	}
	shape.key = u.Scheme + "://" + host + strings.TrimSuffix(u.EscapedPath(), "/")
	if u.ForceQuery || u.RawQuery != "" {
		shape.key += "?" + u.RawQuery
	}
	return shape
}

// difference names what sets two URIs of the same key apart.
func (s nearShape) difference(other nearShape) string {
	var parts []string
	if s.defaultPort != other.defaultPort {
		parts = append(parts, "the default port")
	}
	if s.slash != other.slash {
		parts = append(parts, "a trailing slash")
	}
	if len(parts) == 0 {
		return "the letter case of the scheme"
	}
	return strings.Join(parts, " and ")
}
