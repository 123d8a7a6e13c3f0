package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestFlowTestSignIn: t on the result screen signs in with the new client
// through the (played) browser, and says what it proved.
func TestFlowTestSignIn(t *testing.T) {
	for _, kind := range []string{"confidential", "public"} {
		t.Run(kind, func(t *testing.T) {
			_, cfg := uitest.SandboxConfig(t, nil)
			cfg.Request = uitest.ExampleRequest(kind)
			cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
			cfg.OpenBrowser = uitest.ConsentBrowser(t, "allow")
			d := start(t, cfg)
			d.toResult()
			d.send(keyT, "Test sign-in with")
			d.wait("✓ sign-in works: access token (expires in 1h), refresh token, scopes decks:read decks:write; GET /api/public/v1/decks/ answered 200; test tokens revoked")
			d.send(keyEnter, "✓ The test sign-in worked.")
			d.final()
		})
	}
	t.Run("denied", func(t *testing.T) {
		_, cfg := uitest.SandboxConfig(t, nil)
		cfg.Request = uitest.ExampleRequest("public")
		cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
		cfg.OpenBrowser = uitest.ConsentBrowser(t, "deny")
		d := start(t, cfg)
		d.toResult()
		d.send(keyT, "Test sign-in with")
		d.wait("The sign-in was denied in the browser (access_denied).")
		d.final()
	})
}

// TestSigninScreens snapshots the test sign-in's screens, waiting and done,
// with the random parts (state, challenge, port, client id) masked; at 400
// columns, so the URL stays on one line to mask.
func TestSigninScreens(t *testing.T) {
	masks := []struct{ re, with string }{
		{`(state|code_challenge)=[A-Za-z0-9_-]+`, "$1=…"},
		{`127\.0\.0\.1(%3A|:)[0-9]+`, "127.0.0.1${1}PORT"},
		{`cli_[0-9A-Z]{26}`, "cli_…"},
	}
	for _, tt := range []struct{ name, until string }{{"waiting", "Waiting for the sign-in"}, {"worked", "✓ sign-in works"}} {
		t.Run(tt.name, func(t *testing.T) {
			_, cfg := uitest.SandboxConfig(t, nil)
			cfg.Request = uitest.ExampleRequest("confidential")
			cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
			cfg.OpenBrowser = func(string) error { return nil }
			if tt.name == "worked" {
				cfg.OpenBrowser = uitest.ConsentBrowser(t, "allow")
			}
			cfg.Now = func() time.Time { return uitest.Now }
			m := New(cfg)
			m.spinner = stillSpinner
			rec := &recorder{Model: m}
			tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(400, 24),
				teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithEnvironment([]string{"TERM=xterm-256color"})))
			d := &driver{t: t, tm: tm, m: m, rec: rec}
			d.toResult()
			d.send(keyT, tt.until)
			view := d.final()
			for _, m := range masks {
				view = regexp.MustCompile(m.re).ReplaceAllString(view, m.with)
			}
			teatestGolden(t, view)
		})
	}
}

// TestFlowTestSignInDPoP: t on the result screen of a client the sandbox
// registered DPoP-bound (sandbox --dpop-bound) signs in with DPoP proofs, as
// the create's answer says it must, with and without the server's nonce;
// the success line names the token's cnf.jkt.
func TestFlowTestSignInDPoP(t *testing.T) {
	for _, tt := range []struct {
		name  string
		kind  string
		nonce bool
	}{{"confidential", "confidential", false}, {"public", "public", false}, {"nonce", "confidential", true}} {
		t.Run(tt.name, func(t *testing.T) {
			_, cfg := uitest.SandboxConfigWith(t, sandbox.Config{DPoPBound: true, DPoPNonce: tt.nonce})
			cfg.Request = uitest.ExampleRequest(tt.kind)
			cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
			cfg.OpenBrowser = uitest.ConsentBrowser(t, "allow")
			d := start(t, cfg)
			d.toResult()
			d.send(keyT, "Test sign-in with")
			d.wait("✓ sign-in works: DPoP-bound access token (cnf.jkt ")
			d.wait("expires in 1h), refresh token, scopes decks:read decks:write; GET /api/public/v1/decks/ answered 200; test tokens revoked")
			d.send(keyEnter, "✓ The test sign-in worked.")
			d.final()
		})
	}
}

// TestSigninScreensSized snapshots the waiting sign-in at 80x24 and 60x16:
// the URL on rows of its own, cut only at the window's edge, and nothing
// past the window. The random parts are masked with as many characters, so
// the rows are cut where the real URL's are.
func TestSigninScreensSized(t *testing.T) {
	for _, size := range []struct{ width, height int }{{80, 24}, {60, 16}} {
		t.Run(fmt.Sprintf("%dx%d", size.width, size.height), func(t *testing.T) {
			_, cfg := uitest.SandboxConfig(t, nil)
			cfg.Request = uitest.ExampleRequest("confidential")
			cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
			cfg.OpenBrowser = func(string) error { return nil }
			d := startSized(t, cfg, size.width, size.height)
			d.toResult()
			d.send(keyT, "Waiting for the sign-in")
			view := d.final()
			url := d.m.current.(*signinScreen).url
			if got := joinedRows(view, url); got != url {
				t.Errorf("the URL's rows join to\n%q\nwant\n%q", got, url)
			}
			checkFits(t, view, size.width, size.height)
			masked := sameLengthMask(url)
			real, fake := linkChunks(url, size.width), linkChunks(masked, size.width)
			for i := range real {
				view = strings.Replace(view, real[i], fake[i], 1)
			}
			teatestGolden(t, view)
		})
	}
}

// joinedRows are the rows of a frame that show url, from the one that
// starts with it (after the first column), joined: as many as its length
// needs, so a row cut short or indented shows.
func joinedRows(view, url string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(view, "\n") {
		switch {
		case !in && strings.HasPrefix(line, " "+url[:20]):
			in = true
			b.WriteString(strings.TrimPrefix(line, " "))
		case in:
			b.WriteString(line)
		}
		if in && b.Len() >= len(url) {
			return strings.TrimRight(b.String(), " ")
		}
	}
	return b.String()
}

// checkFits fails when a frame has a line wider than the window, or more
// lines than it.
func checkFits(t *testing.T, view string, width, height int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		t.Errorf("the frame has %d lines, the window %d", len(lines), height)
	}
	for i, line := range lines {
		if w := ansi.StringWidth(line); w > width {
			t.Errorf("line %d is %d columns wide, the window %d: %q", i+1, w, width, line)
		}
	}
}

// sameLengthMask replaces the random parts of a sign-in URL (state, PKCE
// challenge, port, client id) with as many fixed characters.
func sameLengthMask(url string) string {
	for _, m := range []struct{ re, with string }{
		{`((?:state|code_challenge)=)([A-Za-z0-9_-]+)`, "x"},
		{`(127\.0\.0\.1(?:%3A|:))([0-9]+)`, "0"},
		{`(cli_)([0-9A-Z]{26})`, "X"},
	} {
		url = regexp.MustCompile(m.re).ReplaceAllStringFunc(url, func(s string) string {
			parts := regexp.MustCompile(m.re).FindStringSubmatch(s)
			return parts[1] + strings.Repeat(m.with, len(parts[2]))
		})
	}
	return url
}

// TestSigninCopyURL: c on the waiting sign-in copies its URL, whole.
func TestSigninCopyURL(t *testing.T) {
	_, cfg := uitest.SandboxConfig(t, nil)
	cfg.Request = uitest.ExampleRequest("confidential")
	cfg.Request.RedirectURIs = []string{"http://127.0.0.1/callback"}
	cfg.OpenBrowser = func(string) error { return nil }
	clip := &uitest.FakeClipboard{}
	cfg.Clipboard = clip
	d := start(t, cfg)
	d.toResult()
	d.send(keyT, "c copy URL")
	d.send(keyC, "Copied the URL to the system clipboard.")
	d.final()
	if got, want := clip.Content, d.m.current.(*signinScreen).url; got != want || !strings.HasPrefix(got, "http://127.0.0.1:") {
		t.Errorf("the clipboard holds %q, want the sign-in URL %q", got, want)
	}
}
