package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"flexslot-register/api"
	"flexslot-register/cli"
	"flexslot-register/cli/iostreams"
	"flexslot-register/ui"
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
