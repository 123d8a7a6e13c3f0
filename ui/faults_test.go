package ui

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// TestWizardFaultTable submits through the wizard to a sandbox (real loopback
// HTTP) that fails in every documented way, and checks that each ends on a
// readable message saying what to do, with the answers kept for an edit, and
// that a parsed 201 always shows the client.
func TestWizardFaultTable(t *testing.T) {
	tests := []struct {
		fault string // the application name (a sandbox trigger)
		want  []string
		// after: "edit" presses e and expects the answers back in the form;
		// "result" expects the result screen; "rotate" rotates the secret of
		// the client the check found; "" stays on the screen reached.
		after string
	}{
		{"sandbox:201-cut", []string{"closed the connection before answering in full", "It was created, as cli_", "r rotate secret"}, "rotate"},
		{"sandbox:hang", []string{"did not answer within 300ms", "It was created, as cli_"}, "rotate"},
		{"sandbox:201-truncated", []string{"could not read the server's answer", "It was created, as cli_"}, "rotate"},
		{"sandbox:201-no-client-id", []string{"the server's answer has no client_id", "It was created, as cli_"}, "rotate"},
		{"sandbox:201-oversize", []string{"larger than 1024 KiB", "It was created, as cli_"}, "rotate"},
		{"sandbox:201-no-secret", []string{"sent no secret: rotate it to get a new one", "r rotate secret"}, "rotate"},
		{"sandbox:201-extra", []string{"✓ Registered", "Client secret"}, "result"},
		{"sandbox:unknown-field", []string{"The server refused the request: dpop_bound_access_tokens: DPoP binding is not available on your partner tier."}, ""},
		{"sandbox:400-text", []string{"Bad Request: the payload could not be processed.", "r retry"}, "edit"},
		{"sandbox:401", []string{"refused the token while registering", "your answers are kept"}, ""},
		{"sandbox:403", []string{"You do not have permission", "apply for partner access or contact partner support"}, "edit"},
		{"sandbox:404", []string{"Not found. (404 Not Found)", "Check the API URL"}, "edit"},
		{"sandbox:405", []string{"405 Method Not Allowed"}, "edit"},
		{"sandbox:413", []string{"413 Request Entity Too Large"}, "edit"},
		{"sandbox:415", []string{"415 Unsupported Media Type"}, "edit"},
		{"sandbox:429", []string{"retry possible in 30s"}, "edit"},
		{"sandbox:429-date", []string{"The server asks to wait: retry possible in"}, "edit"},
		{"sandbox:429-bare", []string{"Try again in a minute.", "r retry"}, "edit"},
		{"sandbox:500", []string{"An unexpected error occurred.", "Nothing was created", "It is safe to retry.", "r retry"}, "edit"},
		{"sandbox:502-html", []string{"the server answered 502 Bad Gateway", "It was created, as cli_"}, "rotate"},
		{"sandbox:502-before", []string{"the server answered 502 Bad Gateway", "Nothing was created", "r retry"}, "edit"},
		{"sandbox:503", []string{"Service temporarily unavailable", "retry possible in 10s"}, "edit"},
		{"sandbox:504-html", []string{"the server answered 504 Gateway Timeout"}, "edit"},
	}
	for _, tt := range tests {
		t.Run(tt.fault, func(t *testing.T) {
			_, cfg := uitest.SandboxConfig(t, nil, api.WithTimeout(300*time.Millisecond))
			cfg.Request = uitest.ExampleRequest("confidential")
			cfg.Request.ApplicationName = tt.fault
			d := start(t, cfg)
			d.toReview()
			d.tm.Send(keyEnter)
			for _, want := range tt.want {
				d.wait(want)
			}
			if screen := d.screen(); strings.Contains(screen, "<") || strings.Contains(screen, "panic") {
				t.Errorf("markup or a panic on screen:\n%s", screen)
			}
			switch tt.after {
			case "edit":
				d.send(keyE, "Application name")
				d.wait("> " + tt.fault)
			case "result":
				d.wait("Client ID")
			case "rotate":
				d.send(keyR, "✓ New secret for")
				d.wait("Client secret")
			}
			d.final()
		})
	}
}

// The network faults that need a server of their own.
func TestWizardNetworkFaults(t *testing.T) {
	t.Run("connection refused after the pre-flight: nothing was created", func(t *testing.T) {
		sb := sandbox.New(sandbox.Config{})
		srv := httptest.NewServer(sb)
		cfg := flow.Config{Token: sb.Token(), Connect: func(token string) (flow.API, error) { return api.New(srv.URL, token) }}
		cfg.Request = uitest.ExampleRequest("confidential")
		d := start(t, cfg)
		d.toReview()
		srv.Close()
		d.tm.Send(keyEnter)
		d.wait("could not connect to")
		d.wait("Check your network connection and the API URL")
		if strings.Contains(d.screen(), "may have been created") {
			t.Errorf("a refused connection cannot have created anything:\n%s", d.screen())
		}
		d.send(keyE, "> Deck Tracker")
		d.final()
	})
	t.Run("untrusted certificate: a clear message at the start", func(t *testing.T) {
		srv := httptest.NewUnstartedServer(http.NotFoundHandler())
		srv.Config.ErrorLog = quietLog()
		srv.StartTLS()
		defer srv.Close()
		d := start(t, flow.Config{Token: uitest.ExampleToken, Connect: func(token string) (flow.API, error) { return api.New(srv.URL, token) }})
		d.wait("is not trusted (signed by an unknown authority)")
		d.wait("r retry")
		d.final()
	})
}
