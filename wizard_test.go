package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/ui"
)

// failingWriter refuses every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestFinishChecksItsWrites: after the wizard, a client exists; when the
// summary or the printed secret cannot be written, the run says which client
// was created, what failed and whether its secret is kept, and fails.
func TestFinishChecksItsWrites(t *testing.T) {
	const id = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K"
	created := &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
		PlaintextClientSecret: "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"}
	tests := []struct {
		name        string
		result      ui.Result
		printSecret bool
		stdoutFails bool
		code        int
		want        []string // in the error
		absent      []string
	}{
		{"written", ui.Result{Outcome: ui.OutcomeRegistered, Created: created}, true, false, cli.ExitOK, nil, nil},
		{"summary lost, secret saved", ui.Result{Outcome: ui.OutcomeRegistered, Created: created, SavedTo: "client.env"}, false, true, cli.ExitFailed,
			[]string{"the client " + id + " was created, but could not write the summary to stdout: broken pipe."}, []string{"rotate"}},
		{"secret not printed, nor kept", ui.Result{Outcome: ui.OutcomeRegistered, Created: created}, true, true, cli.ExitFailed,
			[]string{"could not write the secret to stdout", "shown on screen only", "flexslot-register rotate " + id}, nil},
		{"secret not printed, copied", ui.Result{Outcome: ui.OutcomeRegistered, Created: created, Copied: true}, true, true, cli.ExitFailed,
			[]string{"could not write the secret to stdout"}, []string{"rotate"}},
		{"nothing created", ui.Result{Outcome: ui.OutcomeCancelled}, false, true, cli.ExitCancelled, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test(strings.NewReader(""))
			if tt.stdoutFails {
				streams.Out = iostreams.Sanitizing(failingWriter{})
			}
			err := finish(context.Background(), options{printSecret: tt.printSecret}, tt.result, nil, streams)
			if got := cli.CodeOf(err); got != tt.code {
				t.Fatalf("exit code %d, want %d (%v)", got, tt.code, err)
			}
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			for _, s := range tt.want {
				if !strings.Contains(msg, s) {
					t.Errorf("the error %q lacks %q", msg, s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(msg, s) {
					t.Errorf("the error %q says %q", msg, s)
				}
			}
			if strings.Contains(msg+stderr.String(), created.PlaintextClientSecret.Reveal()) {
				t.Errorf("the secret reached an error or stderr: %q %q", msg, stderr.String())
			}
		})
	}
}

// TestFinishPrintsOnlyACredential: --print-secret prints the secret only when
// the server's id and secret are credentials; the summary says why not.
func TestFinishPrintsOnlyACredential(t *testing.T) {
	for _, tt := range []struct {
		name, id, secret string
		printed          bool
	}{
		{"credentials", "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w", true},
		{"a secret that would run code", "cli_01M8AFQYJ95QRGTBTX99ZZWN6K", "x$(touch pwned)", false},
		{"an id with a line break", "cli_1\nPATH=/tmp", "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			streams, stdout, _ := iostreams.Test(strings.NewReader(""))
			result := ui.Result{Outcome: ui.OutcomeRegistered, Created: &api.CreateClientResponse{
				Client: api.OAuth2Client{ClientID: tt.id, ClientType: "confidential"}, PlaintextClientSecret: api.Secret(tt.secret)}}
			if err := finish(context.Background(), options{printSecret: true}, result, nil, streams); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(stdout.String(), tt.secret); got != tt.printed {
				t.Errorf("secret printed: %t, want %t; stdout:\n%s", got, tt.printed, stdout.String())
			}
		})
	}
}
