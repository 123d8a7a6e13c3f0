package lines

import (
	"bytes"
	"errors"
	"io"
	"sync"
)

// errInterrupted ends a line prompt that Interrupt stopped.
var errInterrupted = errors.New("interrupted")

// lineInput is what the line prompts read. A goroutine of its own reads the
// input, so that a prompt waiting for a line can be stopped: in line mode
// ctrl+c is a signal, not a key, and a read of a terminal cannot be
// cancelled. It hands out one line a read, since huh's prompts each read
// through a bufio.Scanner of their own and would lose what it read ahead (a
// pasted second line). It remembers that the input ended: huh's prompts answer
// an ended input with their default, again and again, and without this check
// a closed stdin would loop through the wizard forever. A terminal's end of
// input (ctrl+d) is not the end of it, so a prompt after resume reads on.
type lineInput struct {
	r     io.Reader
	start sync.Once
	lines chan piece

	mu          sync.Mutex
	pumping     bool
	stop        chan struct{} // closed by interrupt
	interrupted bool          // a read was stopped since the last resume
	ended       bool          // the input ended since the last resume
	pending     []byte
}

// piece is what one read of the input gave.
type piece struct {
	data []byte
	err  error
}

func newLineInput(r io.Reader) *lineInput {
	return &lineInput{r: r, lines: make(chan piece), stop: make(chan struct{})}
}

// pump reads the input for as long as it gives something; an error other
// than the end of input ends it, after the error is handed on.
func (l *lineInput) pump() {
	for {
		buf := make([]byte, 4096)
		n, err := l.r.Read(buf)
		if n > 0 {
			l.lines <- piece{data: buf[:n]}
		}
		if err != nil {
			l.lines <- piece{err: err}
			if err != io.EOF {
				close(l.lines)
				return
			}
		}
	}
}

// Read gives at most one line of the input, a stopped read errInterrupted.
func (l *lineInput) Read(p []byte) (int, error) {
	l.mu.Lock()
	switch {
	case l.interrupted:
		l.mu.Unlock()
		return 0, errInterrupted
	case l.ended: // until resume, even where the terminal would read on
		l.mu.Unlock()
		return 0, io.EOF
	}
	if len(l.pending) > 0 {
		n := l.give(p)
		l.mu.Unlock()
		return n, nil
	}
	l.pumping = true
	stop := l.stop
	l.mu.Unlock()
	l.start.Do(func() { go l.pump() })
	select {
	case <-stop:
		l.mu.Lock()
		defer l.mu.Unlock()
		l.interrupted = true
		return 0, errInterrupted
	case got, ok := <-l.lines:
		l.mu.Lock()
		defer l.mu.Unlock()
		switch {
		case !ok:
			return 0, io.ErrUnexpectedEOF
		case errors.Is(got.err, io.EOF):
			l.ended = true
			return 0, io.EOF
		case got.err != nil:
			return 0, got.err
		}
		l.pending = got.data
		return l.give(p), nil
	}
}

// give copies pending into p up to the end of its first line; l.mu is held.
func (l *lineInput) give(p []byte) int {
	line := l.pending
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	l.pending = l.pending[n:]
	return n
}

// interrupt stops the read under way, and every read after it until resume.
func (l *lineInput) interrupt() {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.stop:
	default:
		close(l.stop)
	}
	l.interrupted = true
}

// resume lets reads go on after interrupt or the end of the input (which
// goes on only on a terminal).
func (l *lineInput) resume() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.interrupted, l.ended = false, false
	select {
	case <-l.stop:
		l.stop = make(chan struct{})
	default:
	}
}

// state reports whether reads were stopped or the input ended since the
// last resume.
func (l *lineInput) state() (interrupted, ended bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.interrupted, l.ended
}

// quiet reports whether what the prompts write now is for nobody: the
// prompts after a stopped read or the end of input, each answered at once
// with its default.
func (l *lineInput) quiet() bool {
	interrupted, ended := l.state()
	return interrupted || ended
}

// password is the input for a prompt that must not echo: the terminal
// itself while no line was read through l, since huh reads a password from
// the terminal's descriptor and a read through l would race it; otherwise l,
// which huh refuses to read a password from.
func (l *lineInput) password() io.Reader {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.r.(interface{ Fd() uintptr }); ok && !l.pumping {
		return l.r
	}
	return l
}

// quietWriter drops what the prompts write while their input is quiet.
type quietWriter struct {
	w  io.Writer
	in *lineInput
}

func (q quietWriter) Write(p []byte) (int, error) {
	if q.in.quiet() {
		return len(p), nil
	}
	return q.w.Write(p)
}
