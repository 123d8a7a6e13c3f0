package ui

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestMain pins the local time zone: screens show times in it.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

var stillSpinner = spinner.Spinner{Frames: []string{"•"}, FPS: time.Hour}

// driver runs the wizard in teatest and waits on what it draws.
type driver struct {
	t   *testing.T
	tm  *teatest.TestModel
	m   *Model
	rec *recorder
}

// start runs the wizard in teatest at 80x24 with a pinned colour profile and
// environment, so snapshots do not depend on the machine.
func start(t *testing.T, cfg flow.Config) *driver {
	t.Helper()
	return startSized(t, cfg, 80, 24)
}

// startSized is start in a window of width x height.
func startSized(t *testing.T, cfg flow.Config, width, height int) *driver {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return uitest.Now }
	}
	m := New(cfg)
	m.spinner = stillSpinner
	rec := &recorder{Model: m}
	tm := teatest.NewTestModel(t, rec,
		teatest.WithInitialTermSize(width, height),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.Ascii),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		))
	return &driver{t: t, tm: tm, m: m, rec: rec}
}

// recorder is the wizard as teatest runs it, keeping the last frame drawn:
// tests wait on it, since the output stream only carries changed cells.
type recorder struct {
	*Model
	frame atomic.Pointer[string]
	// every frame drawn, raw, for tests that check them all
	mu     sync.Mutex
	frames []string
}

func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.Model.Update(msg)
	return r, cmd
}

func (r *recorder) View() tea.View {
	v := r.Model.View()
	content := v.Content
	r.frame.Store(&content)
	r.mu.Lock()
	r.frames = append(r.frames, content)
	r.mu.Unlock()
	return v
}

// screen is the last frame drawn, without colours.
func (d *driver) screen() string {
	if f := d.rec.frame.Load(); f != nil {
		return ansi.Strip(*f)
	}
	return ""
}

// wait waits until the frame on screen shows want, wherever the window
// wrapped it. It reads the last frame the model drew, not the output stream,
// which only carries changed cells.
func (d *driver) wait(want string) {
	d.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(folded(d.screen()), folded(want)) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	d.t.Fatalf("waited 5s for %q; the screen shows:\n%s", want, d.screen())
}

// folded turns every run of white space, line ends included, into one space.
// It keeps the form's left border (┃), which marks the focused field.
func folded(s string) string { return strings.Join(strings.Fields(s), " ") }

// squashed is s without white space or the form's border, to find text that
// a narrow window wrapped anywhere, inside a word too (a long URL).
func squashed(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "┃", " ")), "")
}

// send sends a key and waits for what it makes appear. huh moves focus in a
// command, so typing on without waiting would race with it.
func (d *driver) send(k tea.KeyPressMsg, want string) {
	d.t.Helper()
	d.tm.Send(k)
	d.wait(want)
}

// typ types text and waits until it shows.
func (d *driver) typ(text string) {
	d.t.Helper()
	d.tm.Type(text)
	d.wait(lastRunes(text, 12))
}

// key sends one printable key.
func (d *driver) key(r rune) { d.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)}) }

// final quits and returns the last frame without colours.
func (d *driver) final() string {
	d.t.Helper()
	if err := d.tm.Quit(); err != nil {
		d.t.Fatal(err)
	}
	return ansi.Strip(d.tm.FinalModel(d.t, teatest.WithFinalTimeout(5*time.Second)).View().Content)
}

// teatestGolden compares a frame with testdata/<test name>.golden (-update
// rewrites it).
func teatestGolden(t *testing.T, view string) {
	t.Helper()
	teatest.RequireEqualOutput(t, []byte(view))
}

// ended waits for the wizard to quit by itself and returns its result.
func (d *driver) ended() flow.Result {
	d.t.Helper()
	d.tm.WaitFinished(d.t, teatest.WithFinalTimeout(5*time.Second))
	return d.m.Result()
}

// Keys as tea sends them.
var (
	keyTab   = tea.KeyPressMsg{Code: tea.KeyTab}
	keyEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	keySpace = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	keyDown  = tea.KeyPressMsg{Code: tea.KeyDown}
	keyCtrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	keyCtrlU = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	keyC     = tea.KeyPressMsg{Code: 'c', Text: "c"}
	keyI     = tea.KeyPressMsg{Code: 'i', Text: "i"}
	keyP     = tea.KeyPressMsg{Code: 'p', Text: "p"}
	keyS     = tea.KeyPressMsg{Code: 's', Text: "s"}
	keyY     = tea.KeyPressMsg{Code: 'y', Text: "y"}
	keyN     = tea.KeyPressMsg{Code: 'n', Text: "n"}
	keyR     = tea.KeyPressMsg{Code: 'r', Text: "r"}
	keyE     = tea.KeyPressMsg{Code: 'e', Text: "e"}
	keyQ     = tea.KeyPressMsg{Code: 'q', Text: "q"}
	keyT     = tea.KeyPressMsg{Code: 't', Text: "t"}
)

// fillForm answers the four pages: name, type, the redirect URIs one per line,
// decks:read, and no links; it ends on the review.
func (d *driver) fillForm(name string, public bool, uris ...string) {
	d.t.Helper()
	d.wait("Application name")
	d.typ(name)
	d.send(keyEnter, "┃ Client type")
	if public {
		d.send(keyDown, "> Public")
	}
	d.send(keyEnter, "Redirect URIs · 2 of 4")
	for i, uri := range uris {
		d.typ(uri)
		if i < len(uris)-1 {
			d.tm.Send(keyEnter) // our field handles it at once: no focus move to wait for
		}
	}
	d.send(keyTab, "Access · 3 of 4")
	d.send(keyDown, "> • decks:read")
	d.send(keySpace, "> ✓ decks:read")
	d.send(keyEnter, "┃ Grant types")
	d.send(keyEnter, "Links · 4 of 4")
	d.send(keyEnter, "┃ Logo URL")
	d.send(keyEnter, "┃ Privacy policy URL")
	d.send(keyEnter, "┃ Terms of service URL")
	d.send(keyEnter, "Review")
}

func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

var errBoom = errors.New("boom")

// quietLog drops a test server's log lines (expected TLS handshake errors).
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

func TestTokenNeverPrinted(t *testing.T) {
	const token = "flx_pat_NeverPrintMe"
	cfg := flow.Config{Token: token}
	m := New(cfg)
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, value := range []any{cfg, &cfg, m, []any{cfg, m}} {
			if out := fmt.Sprintf(format, value); strings.Contains(out, "NeverPrintMe") {
				t.Errorf("%s of %T leaks the token: %s", format, value, out)
			}
		}
	}
}
