package uitest

import (
	"io"
	"strings"
)

// PanicOnce panics at its first write that holds Trigger, as a bug in what
// writes would; every other write goes to W. The panic's value holds what
// was written, as a careless one would: a report must not repeat it.
type PanicOnce struct {
	W       io.Writer
	Trigger string
	done    bool
}

// Write panics the first time p holds Trigger; else it writes to W.
func (p *PanicOnce) Write(b []byte) (int, error) {
	if !p.done && strings.Contains(string(b), p.Trigger) {
		p.done = true
		panic("boom: " + string(b))
	}
	return p.W.Write(b)
}
