package field

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/flexslot/flexslot-register/validate"
)

// RunAccessible asks for the URIs as plain lines, for screen readers. Each
// line is checked as it is entered: a problem is said at once and that line
// asked again, every good line is kept, and a near-duplicate is said when it
// is entered. An empty line ends the list once it holds a URI; the list is
// then read back, numbered, to change or keep.
func (f *RedirectURIsField) RunAccessible(w io.Writer, r io.Reader) error {
	uris := append([]string(nil), *f.value...)
	fmt.Fprintf(w, "%s: type one per line; an empty line ends the list.\n", f.title)
	if f.description != nil {
		fmt.Fprintln(w, f.description())
	}
	if len(uris) == 0 {
		var err error
		if uris, err = f.readURIs(w, r, nil); err != nil {
			f.keep(uris)
			return err
		}
	}
	for {
		fmt.Fprintf(w, "The list has %s:\n", plural(len(uris), "redirect URI"))
		for i, uri := range uris {
			fmt.Fprintf(w, "  %d. %s\n", i+1, validate.Sanitize(uri))
		}
		fmt.Fprintln(w, "Enter keeps the list; a number changes or removes that URI; + adds more.")
		line, err := readLine(r)
		line = strings.TrimSpace(line)
		switch {
		case line == "" && err != nil:
			return io.ErrUnexpectedEOF
		case line == "":
			f.keep(uris)
			return nil
		case line == "+":
			if uris, err = f.readURIs(w, r, uris); err != nil {
				f.keep(uris)
				return err
			}
			continue
		}
		n, convErr := strconv.Atoi(line)
		if convErr != nil || n < 1 || n > len(uris) {
			fmt.Fprintf(w, "Type a number from 1 to %d, +, or nothing.\n", len(uris))
			continue
		}
		if uris, err = f.changeURI(w, r, uris, n-1); err != nil {
			f.keep(uris)
			return err
		}
	}
}

// keep makes uris the field's value: at the end of the list, and when the
// input stops in the middle of it, so that a draft keeps what was typed.
func (f *RedirectURIsField) keep(uris []string) {
	if len(uris) == 0 {
		return
	}
	*f.value = uris
	f.buf = newLineBuffer(uris, redirectFieldRows)
	f.check.Reset(f.buf.lines)
}

// readURIs reads URIs one line at a time onto uris, until an empty line
// once the list holds one.
func (f *RedirectURIsField) readURIs(w io.Writer, r io.Reader, uris []string) ([]string, error) {
	for {
		fmt.Fprintf(w, "Redirect URI %d (an empty line ends the list):\n", len(uris)+1)
		line, err := readLine(r)
		line = strings.TrimSpace(line)
		switch {
		case line == "" && err != nil:
			return uris, io.ErrUnexpectedEOF
		case line == "" && len(uris) == 0:
			fmt.Fprintln(w, "Add at least one redirect URI.")
			continue
		case line == "":
			return uris, nil
		}
		uris = f.addLine(w, uris, line)
	}
}

// addLine checks the URIs on one line (a pasted list may hold several) and
// keeps the good ones, saying what is wrong with the others.
func (f *RedirectURIsField) addLine(w io.Writer, uris []string, line string) []string {
	for _, e := range validate.SplitRedirectURIs(line) {
		next := append(append([]string(nil), uris...), e.URI)
		problem, warning := newProblem(uris, next)
		switch {
		case problem != "":
			fmt.Fprintf(w, "Not added: %s (%s). Type it again, corrected.\n", problem, validate.Sanitize(e.URI))
		default:
			uris = next
			fmt.Fprintf(w, "Added %d: %s.\n", len(uris), validate.Sanitize(e.URI))
			if warning != "" {
				fmt.Fprintf(w, "Warning: %s\n", warning)
			}
		}
	}
	return uris
}

// changeURI replaces or removes the URI at i.
func (f *RedirectURIsField) changeURI(w io.Writer, r io.Reader, uris []string, i int) ([]string, error) {
	for {
		fmt.Fprintf(w, "Replace %d (%s) with (an empty line removes it):\n", i+1, validate.Sanitize(uris[i]))
		line, err := readLine(r)
		line = strings.TrimSpace(line)
		switch {
		case line == "" && err != nil:
			return uris, io.ErrUnexpectedEOF
		case line == "" && len(uris) == 1:
			fmt.Fprintln(w, "It is the only one: a client needs at least one redirect URI.")
			continue
		case line == "":
			fmt.Fprintf(w, "Removed %s.\n", validate.Sanitize(uris[i]))
			return append(uris[:i:i], uris[i+1:]...), nil
		}
		next := append([]string(nil), uris...)
		next[i] = line
		problem, warning := newProblem(uris, next)
		if problem != "" {
			fmt.Fprintf(w, "Not changed: %s. Type it again, corrected.\n", problem)
			continue
		}
		uris[i] = line
		fmt.Fprintf(w, "Changed %d to %s.\n", i+1, validate.Sanitize(line))
		if warning != "" {
			fmt.Fprintf(w, "Warning: %s\n", warning)
		}
		return uris, nil
	}
}

// newProblem is the first error, and the first warning, that after has and
// before has not: what the URI just typed brings to the list, its line
// numbers those of the list as read back, whichever line the server's rule
// pins it on (a duplicate names the later line).
func newProblem(before, after []string) (problem, warning string) {
	type key struct {
		line    int
		message string
	}
	had := map[key]bool{}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(before)) {
		had[key{p.Line, p.Message}] = true
	}
	for _, p := range validate.RedirectURIs(validate.EntriesOf(after)) {
		switch {
		case had[key{p.Line, p.Message}]:
		case p.Warning && warning == "":
			warning = p.Message
		case !p.Warning && problem == "":
			problem = p.Message
		}
	}
	return problem, warning
}

// readLine reads one line a byte at a time, so that nothing after it is taken
// from r: the next prompt reads on from the same input.
func readLine(r io.Reader) (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 1 && b[0] == '\n' {
			return strings.TrimSuffix(string(line), "\r"), nil
		}
		if n == 1 {
			line = append(line, b[0])
		}
		if err != nil {
			return strings.TrimSuffix(string(line), "\r"), err
		}
	}
}
