// Package iostreams is the tool's one way out, after GitHub CLI's IOStreams:
// it knows whether stdin, stdout and stderr are terminals and whether colour
// is on, and it is where data (stdout) and messages (stderr) go. What is
// written through Out and ErrOut passes validate.SanitizeLines first, so no
// text from the server, a manifest or a paste can reach a terminal, a pipe or
// a log as an escape sequence or a control character. Only the full-screen
// wizard (Bubble Tea) and an OSC 52 copy write to the terminal itself, through
// Terminal; the wizard sanitizes what it draws.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"sync"

	"github.com/charmbracelet/x/term"

	"github.com/flexslot/flexslot-register/validate"
)

// IOStreams is where the program reads and writes.
type IOStreams struct {
	// In is standard input.
	In io.Reader
	// Out is for data: the client id, the JSON, the summary. Sanitized.
	Out io.Writer
	// ErrOut is for everything else: progress, warnings, errors. Sanitized.
	ErrOut io.Writer

	terminal, stdout io.Writer
	// table is stdout through validate.SanitizeTable.
	table                          io.Writer
	stdinTTY, stdoutTTY, stderrTTY bool
	stdoutNull                     bool
	width                          int
}

// System returns the process's own streams.
func System() *IOStreams {
	stderrTTY := term.IsTerminal(os.Stderr.Fd())
	width := 0
	if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil {
		width = w
	}
	return &IOStreams{
		width:      width,
		In:         os.Stdin,
		Out:        Sanitizing(os.Stdout),
		table:      sanitizer{os.Stdout, validate.SanitizeTable},
		ErrOut:     Sanitizing(os.Stderr),
		terminal:   os.Stderr,
		stdout:     os.Stdout,
		stdinTTY:   term.IsTerminal(os.Stdin.Fd()),
		stdoutTTY:  term.IsTerminal(os.Stdout.Fd()),
		stderrTTY:  stderrTTY,
		stdoutNull: isNullDevice(os.Stdout),
	}
}

// Test returns streams that read in and write to buffers, none of them a
// terminal, for tests. The buffers are safe to read while a run writes.
func Test(in io.Reader) (s *IOStreams, stdout, stderr *Buffer) {
	stdout, stderr = &Buffer{}, &Buffer{}
	return &IOStreams{In: in, Out: Sanitizing(stdout), ErrOut: Sanitizing(stderr), terminal: stderr,
		table: sanitizer{stdout, validate.SanitizeTable}}, stdout, stderr
}

// SetTTY marks the streams as terminals, for tests of the interactive paths.
func (s *IOStreams) SetTTY(stdin, stdout, stderr bool) {
	s.stdinTTY, s.stdoutTTY, s.stderrTTY = stdin, stdout, stderr
}

// SetStdoutNull marks stdout as the null device, for tests.
func (s *IOStreams) SetStdoutNull(null bool) { s.stdoutNull = null }

// IsStdoutNull reports whether stdout is the null device: what is written
// there is kept nowhere.
func (s *IOStreams) IsStdoutNull() bool { return s.stdoutNull }

// IsStdinTTY reports whether stdin is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// Interactive reports whether a person can be asked: stdin, stdout and stderr
// are all terminals.
func (s *IOStreams) Interactive() bool { return s.stdinTTY && s.stdoutTTY && s.stderrTTY }

// StdoutWidth is the width of the terminal stdout is, or 0 when it is none.
func (s *IOStreams) StdoutWidth() int { return s.width }

// Terminal is stderr itself, unsanitized: for the full-screen wizard, which
// writes escape sequences of its own and sanitizes what it draws, and for an
// OSC 52 copy.
func (s *IOStreams) Terminal() io.Writer { return s.terminal }

// StyledOut is stdout itself when it is a terminal, else Out: for the
// command line's help, which holds only the program's own text, and is
// styled where a person reads it.
func (s *IOStreams) StyledOut() io.Writer {
	if s.stdoutTTY && s.stdout != nil {
		return s.stdout
	}
	return s.Out
}

// TableOut is stdout for lines of tab-separated fields (what a shell's
// completion script reads): Out, but with the tabs kept.
func (s *IOStreams) TableOut() io.Writer { return s.table }

// Sanitizing returns a writer that passes each Write through
// validate.SanitizeLines. Each Write must be whole (fmt.Fprint and
// json.Encoder write once per call): a sequence split across two writes is
// cleaned as two pieces, which removes at least as much.
func Sanitizing(w io.Writer) io.Writer { return sanitizer{w, validate.SanitizeLines} }

type sanitizer struct {
	w     io.Writer
	clean func(string) string
}

func (s sanitizer) Write(p []byte) (int, error) {
	clean := s.clean(string(p))
	if _, err := io.WriteString(s.w, clean); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Buffer is a bytes.Buffer safe for concurrent use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
