package lines

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestLineInputGivesOneLineARead: a prompt reads through a scanner of its
// own, so what is pasted after the first line must stay for the next one.
func TestLineInputGivesOneLineARead(t *testing.T) {
	tests := []struct {
		name string
		in   io.Reader
		want []string
	}{
		{"a paste of three lines", strings.NewReader("one\ntwo\nthree\n"), []string{"one\n", "two\n", "three\n"}},
		{"a byte at a time", iotest.OneByteReader(strings.NewReader("ab\n")), []string{"a", "b", "\n"}},
		{"no newline at the end", strings.NewReader("one\nlast"), []string{"one\n", "last"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLineInput(tt.in)
			buf := make([]byte, 64)
			for _, want := range tt.want {
				n, err := l.Read(buf)
				if err != nil || string(buf[:n]) != want {
					t.Fatalf("read %q, %v; want %q", buf[:n], err, want)
				}
			}
			if n, err := l.Read(buf); !errors.Is(err, io.EOF) || n != 0 {
				t.Errorf("after the input: %d, %v; want io.EOF", n, err)
			}
		})
	}
}

// TestLineInputInterrupt: interrupt stops a read that waits, and every read
// after it, until resume; what came meanwhile is read after resume.
func TestLineInputInterrupt(t *testing.T) {
	r, w := io.Pipe()
	l := newLineInput(r)
	got := make(chan error, 1)
	go func() {
		_, err := l.Read(make([]byte, 8))
		got <- err
	}()
	time.Sleep(10 * time.Millisecond) // the read waits for the pipe
	l.interrupt()
	select {
	case err := <-got:
		if !errors.Is(err, errInterrupted) {
			t.Fatalf("the stopped read: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("interrupt did not stop the read")
	}
	if _, err := l.Read(make([]byte, 8)); !errors.Is(err, errInterrupted) || !l.quiet() {
		t.Fatalf("a read after interrupt: %v, quiet %v", err, l.quiet())
	}
	go func() { _, _ = w.Write([]byte("kept\n")) }()
	l.resume()
	buf := make([]byte, 8)
	if n, err := l.Read(buf); err != nil || string(buf[:n]) != "kept\n" || l.quiet() {
		t.Errorf("after resume: %q, %v, quiet %v", buf[:n], err, l.quiet())
	}
}

// ttyEnd reads like a terminal where ctrl+d was typed between its parts: the
// end of input once, then the next part.
type ttyEnd struct{ parts []string }

func (e *ttyEnd) Read(p []byte) (int, error) {
	if len(e.parts) == 0 {
		return 0, io.EOF
	}
	if e.parts[0] == "" {
		e.parts = e.parts[1:]
		return 0, io.EOF
	}
	n := copy(p, e.parts[0][:1]) // a byte at a time, as a terminal types
	if e.parts[0] = e.parts[0][n:]; e.parts[0] == "" {
		e.parts = e.parts[1:]
	}
	return n, nil
}

// TestLineInputEndedUntilResume: a terminal reads on after ctrl+d, but the
// prompts must see the end until they resume on purpose.
func TestLineInputEndedUntilResume(t *testing.T) {
	l := newLineInput(&ttyEnd{parts: []string{"a\n", "", "b\n"}})
	buf := make([]byte, 8)
	if n, _ := l.Read(buf); string(buf[:n]) != "a" {
		t.Fatalf("first read %q", buf[:n])
	}
	l.Read(buf) // "\n"
	for range 2 {
		if _, err := l.Read(buf); !errors.Is(err, io.EOF) {
			t.Fatalf("after ctrl+d: %v; want io.EOF each time", err)
		}
	}
	l.resume()
	if n, err := l.Read(buf); err != nil || string(buf[:n]) != "b" {
		t.Errorf("after resume: %q, %v", buf[:n], err)
	}
}
