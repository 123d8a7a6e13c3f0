package ui

import (
	"fmt"
	"io"
	"strings"

	"flexslot-register/validate"
)

// RunAccessible asks for the URIs as plain lines, for screen readers: one per
// line, an empty line to finish, with every problem read out and the list
// asked again until it is valid.
func (f *RedirectURIsField) RunAccessible(w io.Writer, r io.Reader) error {
	for {
		fmt.Fprintf(w, "%s: one per line, an empty line to finish.\n", f.title)
		if f.description != nil {
			fmt.Fprintln(w, f.description())
		}
		if len(*f.value) > 0 {
			fmt.Fprintf(w, "An empty first line keeps the current list: %s\n", strings.Join(*f.value, ", "))
		}
		var text strings.Builder
		for {
			line, err := readLine(r)
			if line == "" {
				switch {
				case text.Len() == 0 && len(*f.value) > 0 && err == nil:
					return nil // keep the current list
				case err != nil && text.Len() == 0:
					return io.ErrUnexpectedEOF
				}
				break
			}
			text.WriteString(line + "\n")
			if err != nil {
				break
			}
		}
		entries := validate.SplitRedirectURIs(text.String())
		problems := validate.RedirectURIs(entries)
		for _, p := range problems {
			kind := "Error"
			if p.Warning {
				kind = "Warning"
			}
			if p.Line > 0 {
				fmt.Fprintf(w, "%s on line %d (%s): %s\n", kind, p.Line, p.URI, p.Message)
			} else {
				fmt.Fprintf(w, "%s: %s\n", kind, p.Message)
			}
		}
		if !validate.HasErrors(problems) {
			*f.value = validate.URIs(entries)
			f.buf = newLineBuffer(*f.value, redirectFieldRows)
			f.check.Reset(f.buf.lines)
			return nil
		}
	}
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
