package ui

import (
	"regexp"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
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
