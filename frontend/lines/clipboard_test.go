package lines

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// linePrompts runs the line prompts on a stub API with a complete request
// (every answer kept, then create), in the background; say types a line.
type linePrompts struct {
	t      *testing.T
	clip   *uitest.FakeClipboard
	out    *iostreams.Buffer
	w      *io.PipeWriter
	done   chan flow.Result
	ran    *Prompts
	result flow.Result
}

func startLinePrompts(t *testing.T, clear time.Duration) *linePrompts {
	t.Helper()
	cfg := uitest.WithRequest(uitest.StubConfig(uitest.NewStubAPI()), uitest.ExampleRequest("confidential"))
	p := &linePrompts{t: t, clip: &uitest.FakeClipboard{}, out: &iostreams.Buffer{}, done: make(chan flow.Result, 1)}
	cfg.Clipboard, cfg.ClipboardClear = p.clip, clear
	r, w := io.Pipe()
	p.w = w
	t.Cleanup(func() { w.Close() })
	p.ran = New(cfg, r, p.out, io.Discard)
	go func() { p.done <- p.ran.Run(context.Background()) }()
	for _, line := range []string{"", "", "", "0", "0", "", "", "", "", "1"} {
		p.say(line)
	}
	waitForText(t, p.out, "Client secret, shown only this once: "+uitest.ExampleSecret)
	return p
}

// say types line, then enter.
func (p *linePrompts) say(line string) {
	p.t.Helper()
	if _, err := io.WriteString(p.w, line+"\n"); err != nil {
		p.t.Fatal(err)
	}
}

// answer waits for a question, then answers it.
func (p *linePrompts) answer(question, line string) {
	p.t.Helper()
	waitForText(p.t, p.out, question)
	p.say(line)
}

// waitForQuestion waits until a yes-or-no question waits for its answer.
func (p *linePrompts) waitForQuestion() {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for out := p.out.String(); !strings.HasSuffix(out, "[y/N] ") && !strings.HasSuffix(out, "[Y/n] "); out = p.out.String() {
		if time.Now().After(deadline) {
			p.t.Fatalf("no question waits:\n%s", out)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// end answers no to the save and to the test sign-in, and waits for the end.
func (p *linePrompts) end() flow.Result {
	p.t.Helper()
	p.answer("Save the client id and secret to a file?", "n")
	p.answer("Try a test sign-in", "n")
	select {
	case p.result = <-p.done:
	case <-time.After(10 * time.Second):
		p.t.Fatalf("the prompts did not end:\n%s", p.out)
	}
	return p.result
}

// TestLinePromptsCopyOnlyWhenAsked: the line prompts copy the secret only on
// a yes to their question, and clear the system clipboard of it after
// ClipboardClear while they go on asking, or at their end, saying so, if it
// still holds the secret.
func TestLinePromptsCopyOnlyWhenAsked(t *testing.T) {
	t.Run("not asked", func(t *testing.T) {
		p := startLinePrompts(t, time.Hour)
		p.waitForQuestion()
		if _, writes := p.clip.Get(); len(writes) != 0 {
			t.Fatalf("%d writes to the clipboard before any question:\n%s", len(writes), p.out)
		}
		p.answer("Copy the secret to the clipboard?", "") // enter: the default, no
		result := p.end()
		if _, writes := p.clip.Get(); len(writes) != 0 {
			t.Errorf("%d writes to the clipboard without a yes", len(writes))
		}
		if result.Copied || result.ClipboardHoldsSecret || strings.Contains(p.out.String(), "Copied") {
			t.Errorf("result %+v\n%s", result, p.out)
		}
	})

	t.Run("cleared after the duration, while the prompts go on", func(t *testing.T) {
		p := startLinePrompts(t, 100*time.Millisecond)
		p.answer("It is cleared after 100ms, or when these prompts end.", "y")
		waitForText(t, p.out, "Copied the secret to the system clipboard.")
		waitForText(t, p.out, "Save the client id and secret to a file?")
		deadline := time.Now().Add(5 * time.Second)
		for got, _ := p.clip.Get(); got != "" || p.ran.Progress().ClipboardHoldsSecret; got, _ = p.clip.Get() {
			if time.Now().After(deadline) {
				t.Fatalf("5s after a clear due in 100ms, while the prompts wait, the clipboard holds %q; Progress says it holds the secret: %v",
					got, p.ran.Progress().ClipboardHoldsSecret)
			}
			time.Sleep(10 * time.Millisecond)
		}
		result := p.end()
		if _, writes := p.clip.Get(); !slices.Equal(writes, []string{uitest.ExampleSecret, ""}) {
			t.Errorf("clipboard writes %q, want the secret then its clear", writes)
		}
		if !result.Copied || result.ClipboardHoldsSecret || !strings.HasSuffix(p.out.String(), "Cleared the secret from the clipboard.\n") {
			t.Errorf("result %+v\n%s", result, p.out)
		}
	})

	t.Run("cleared at the end", func(t *testing.T) {
		p := startLinePrompts(t, time.Hour)
		p.answer("Copy the secret to the clipboard?", "y")
		waitForText(t, p.out, "Copied the secret to the system clipboard.")
		if got, _ := p.clip.Get(); got != uitest.ExampleSecret {
			t.Fatalf("the clipboard holds %q after a yes", got)
		}
		result := p.end()
		if got, writes := p.clip.Get(); got != "" || len(writes) != 2 {
			t.Errorf("after the prompts the clipboard holds %q (writes %q)", got, writes)
		}
		if !result.Copied || result.ClipboardHoldsSecret || !strings.HasSuffix(p.out.String(), "Cleared the secret from the clipboard.\n") {
			t.Errorf("result %+v\n%s", result, p.out)
		}
	})

	t.Run("something else copied since is left alone", func(t *testing.T) {
		p := startLinePrompts(t, time.Hour)
		p.answer("Copy the secret to the clipboard?", "y")
		waitForText(t, p.out, "Copied the secret to the system clipboard.")
		p.clip.WriteAll("something else")
		result := p.end()
		if got, _ := p.clip.Get(); got != "something else" || result.ClipboardHoldsSecret {
			t.Errorf("the clipboard holds %q, result %+v", got, result)
		}
		if !strings.HasSuffix(p.out.String(), "The clipboard holds something else now; left it alone.\n") {
			t.Errorf("said:\n%s", p.out)
		}
	})

	t.Run("a clear that fails is said", func(t *testing.T) {
		p := startLinePrompts(t, time.Hour)
		p.answer("Copy the secret to the clipboard?", "y")
		waitForText(t, p.out, "Copied the secret to the system clipboard.")
		p.clip.Mu.Lock()
		p.clip.Fail = errors.New("the clipboard tool failed")
		p.clip.Mu.Unlock()
		result := p.end()
		if !result.ClipboardHoldsSecret || !strings.Contains(p.out.String(), "Could not clear the clipboard (the clipboard tool failed): it may still hold the secret") {
			t.Errorf("result %+v\n%s", result, p.out)
		}
	})
}
