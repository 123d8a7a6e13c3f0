package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/internal/uitest"
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
		result      flow.Result
		printSecret bool
		stdoutFails bool
		code        int
		want        []string // in the error
		absent      []string
	}{
		{"written", flow.Result{Outcome: flow.OutcomeRegistered, Created: created}, true, false, cli.ExitOK, nil, nil},
		{"summary lost, secret saved", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, SavedTo: "client.env"}, false, true, cli.ExitFailed,
			[]string{"the client " + id + " was created, but could not write the summary to stdout: broken pipe."}, []string{"rotate"}},
		{"secret not printed, nor kept", flow.Result{Outcome: flow.OutcomeRegistered, Created: created}, true, true, cli.ExitFailed,
			[]string{"could not write the secret to stdout", "shown on screen only", "flexslot-register rotate " + id}, nil},
		{"secret not printed, copied", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, Copied: true}, true, true, cli.ExitFailed,
			[]string{"could not write the secret to stdout"}, []string{"rotate"}},
		{"nothing created", flow.Result{Outcome: flow.OutcomeCancelled}, false, true, cli.ExitCancelled, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test(strings.NewReader(""))
			if tt.stdoutFails {
				streams.Out = iostreams.Sanitizing(failingWriter{})
			}
			err := finish(context.Background(), options{printSecret: tt.printSecret}, tt.result, nil, streams)
			checkFinish(t, err, tt.code, tt.want, tt.absent, stderr.String(), created.PlaintextClientSecret.Reveal())
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
			result := flow.Result{Outcome: flow.OutcomeRegistered, Created: &api.CreateClientResponse{
				Client: api.OAuth2Client{ClientID: tt.id, ClientType: "confidential"}, PlaintextClientSecret: api.Secret(tt.secret)}}
			// Credentials shown nowhere are no success either (flow.NotCredential).
			err := finish(context.Background(), options{printSecret: true}, result, nil, streams)
			if code := cli.CodeOf(err); (code == cli.ExitOK) != tt.printed {
				t.Errorf("exit %d (%v); want 0 only when the credentials were printed", code, err)
			}
			if got := strings.Contains(stdout.String(), tt.secret); got != tt.printed {
				t.Errorf("secret printed: %t, want %t; stdout:\n%s", got, tt.printed, stdout.String())
			}
		})
	}
}

// TestFinishAfterACrash: a front end that stopped on a panic after the client
// was created ends with exit 1 (never 0), naming the client and, unless its
// secret was kept, how to get a new one; before a create, a crash is a
// failure too. A cancel or a signal is not a crash.
func TestFinishAfterACrash(t *testing.T) {
	const id = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K"
	created := &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
		PlaintextClientSecret: "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"}
	teaPanic := fmt.Errorf("%w: %w", tea.ErrProgramKilled, tea.ErrProgramPanic)
	tests := []struct {
		name      string
		result    flow.Result
		runErr    error
		cancelled bool // the context ended (a signal)
		code      int
		want      []string
		absent    []string
	}{
		{"wizard panic, secret on screen only", flow.Result{Outcome: flow.OutcomeRegistered, Created: created}, teaPanic, false, cli.ExitFailed,
			[]string{"stopped on an internal error", "after registering " + id, "Its secret was not saved: rotate it to get a new one: flexslot-register rotate " + id}, nil},
		{"wizard panic, secret saved", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, SavedTo: "client.env"}, teaPanic, false, cli.ExitFailed,
			[]string{"after registering " + id + "."}, []string{"rotate"}},
		{"line prompts panic, secret copied", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, Copied: true}, errPanicked, false, cli.ExitFailed,
			[]string{"after registering " + id + "."}, []string{"rotate"}},
		{"line prompts panic during a signal", flow.Result{Outcome: flow.OutcomeRegistered, Created: created}, errPanicked, true, cli.ExitFailed,
			[]string{"rotate"}, nil},
		{"panic before a create", flow.Result{}, teaPanic, false, cli.ExitFailed, []string{"panic"}, nil},
		{"a signal after the create is not a crash", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, SavedTo: "client.env"},
			fmt.Errorf("%w: %w", tea.ErrProgramKilled, context.Canceled), true, cli.ExitOK, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test(strings.NewReader(""))
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancelled {
				cancel()
			}
			defer cancel()
			err := finish(ctx, options{}, tt.result, tt.runErr, streams)
			checkFinish(t, err, tt.code, tt.want, tt.absent, stderr.String(), created.PlaintextClientSecret.Reveal())
		})
	}
}

// TestLinePromptsSurviveAPanic: the line prompts against a real sandbox; a
// panic in them after the client was created (here in a write of the result)
// ends the run with exit 1 and says what became of the secret, where it
// would have killed the process with Go's exit 2 and no word on the client.
func TestLinePromptsSurviveAPanic(t *testing.T) {
	sb, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	keep := strings.Join([]string{"", "", "", "0", "0", "", "", "", "", "1", "n", "n", "n"}, "\n") + "\n" // keep every answer, create, then no to all
	streams, _, stderr := iostreams.Test(iotest.OneByteReader(strings.NewReader(keep)))
	streams.ErrOut = iostreams.Sanitizing(&uitest.PanicOnce{W: stderr, Trigger: "Client ID"})
	opts := options{accessible: true, clipboardClear: time.Second, reg: cli.Registration{Request: api.CreateClientRequest{
		ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}}}
	opts.apiURL = sb.URL
	err = runWizard(context.Background(), opts, wizardConfig(opts, sb.Token()), streams)
	if code := cli.CodeOf(err); code != cli.ExitFailed {
		t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, err, cli.ExitFailed, stderr.String())
	}
	clients := sb.Clients()
	if len(clients) != 1 {
		t.Fatalf("%d clients, want 1", len(clients))
	}
	if want := "rotate it to get a new one: flexslot-register rotate " + clients[0].ClientID; !strings.Contains(err.Error(), want) {
		t.Errorf("the error %q lacks %q", err, want)
	}
	if !strings.Contains(stderr.String(), "internal error: boom") {
		t.Errorf("stderr lacks the panic:\n%s", stderr.String())
	}
}

// TestLinePromptsWhereTheWizardCannotDraw: the line prompts when asked for,
// and where the terminal cannot draw the full screen (TERM=dumb).
func TestLinePromptsWhereTheWizardCannotDraw(t *testing.T) {
	tests := []struct {
		accessible bool
		term       string
		want       bool
	}{
		{false, "xterm-256color", false},
		{false, "", false}, // a Windows console sets no TERM and draws the wizard
		{false, "dumb", true},
		{true, "xterm-256color", true},
		{true, "dumb", true},
	}
	for _, tt := range tests {
		if got := linePrompts(tt.accessible, tt.term); got != tt.want {
			t.Errorf("linePrompts(%v, %q) = %v, want %v", tt.accessible, tt.term, got, tt.want)
		}
	}
}

// TestFinishNoSecretIsNoSuccess: a confidential client the server created
// without a secret ends the wizard and the line prompts with exit 1 and the
// rotate command, as the scripted run does (flow.CreatedWithoutSecret),
// unless a rotation gave it one since.
func TestFinishNoSecretIsNoSuccess(t *testing.T) {
	const id = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K"
	client := api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential"}
	tests := []struct {
		name   string
		result flow.Result
		code   int
		want   string
	}{
		{"no secret sent", flow.Result{Outcome: flow.OutcomeRegistered, Created: &api.CreateClientResponse{Client: client}}, cli.ExitFailed,
			"sent no secret: rotate it to get a new one: flexslot-register rotate " + id},
		{"rotated since", flow.Result{Outcome: flow.OutcomeRegistered, Rotated: true, SavedTo: "client.env",
			Created: &api.CreateClientResponse{Client: client, PlaintextClientSecret: "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"}}, cli.ExitOK, ""},
		{"a public client has none to send", flow.Result{Outcome: flow.OutcomeRegistered,
			Created: &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ClientType: "public"}}}, cli.ExitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, _ := iostreams.Test(strings.NewReader(""))
			err := finish(context.Background(), options{}, tt.result, nil, streams)
			if code := cli.CodeOf(err); code != tt.code || (tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want))) {
				t.Errorf("exit %d (%v), want %d with %q", code, err, tt.code, tt.want)
			}
		})
	}
}

// checkFinish checks what finish returned: the exit code, the words of its
// error (want, absent), and that secret reached neither it nor stderr.
func checkFinish(t *testing.T, err error, code int, want, absent []string, stderr, secret string) {
	t.Helper()
	if got := cli.CodeOf(err); got != code {
		t.Fatalf("exit code %d, want %d (%v)", got, code, err)
	}
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	uitest.WantText(t, msg, want, absent)
	if strings.Contains(msg+stderr, secret) {
		t.Errorf("the secret reached an error or stderr: %q %q", msg, stderr)
	}
}

// TestFinishEndsAsTheRegistrationDid: the interactive front ends end with
// the code of what became of the registration, as the scripted run does
// (TestParity holds the three to it): nothing sent is 2, a refusal left
// standing is 1, a signal that may have created a client or lost its secret
// is 1, an existing client ends as --if-exists decided, and a failure the
// line prompts said already is not said again.
func TestFinishEndsAsTheRegistrationDid(t *testing.T) {
	const id = "cli_01M8AFQYJ95QRGTBTX99ZZWN6K"
	created := &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential"},
		PlaintextClientSecret: "xYHkjgcNDlP6dzJXEm1wgmWj9-492CCl70p-Gh7dp5w"}
	refused := &api.Error{Op: api.OpCreate, StatusCode: 400, Message: "This redirect URI is registered to another partner's client.",
		Fields: []api.FieldError{{Field: "redirect_uris", Index: 0, Message: "taken"}}}
	req := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}, AllowedScopes: []string{"decks:read"}}
	client := api.OAuth2Client{ClientID: id, ApplicationName: "Deck Tracker", ClientType: "confidential", Status: api.StatusActive,
		RedirectURIs: req.RedirectURIs, AllowedScopes: req.AllowedScopes, GrantTypes: req.WithDefaults().GrantTypes}
	exists := func(policy flow.IfExists, c api.OAuth2Client) *flow.Exists {
		e := flow.WhenExists(policy, c, req)
		return &e
	}
	other := client
	other.AllowedScopes = []string{"cards:read"}
	tests := []struct {
		name       string
		result     flow.Result
		signal     bool
		code       int
		want       []string
		absent     []string
		wantStderr string
	}{
		{"left before sending", flow.Result{}, false, cli.ExitUsage, nil, []string{"not registered"}, ""},
		{"a signal before sending", flow.Result{}, true, cli.ExitUsage, nil, nil, ""},
		{"left after a refusal", flow.Result{Refused: refused}, false, cli.ExitFailed, []string{"not registered", "registered to another partner's client"}, nil, ""},
		{"a signal after a refusal", flow.Result{Refused: refused}, true, cli.ExitFailed, []string{"not registered"}, nil, ""},
		{"a signal while a create is in flight", flow.Result{InFlight: true}, true, cli.ExitFailed, nil, nil, "may have been created"},
		{"a signal before the secret was kept", flow.Result{Outcome: flow.OutcomeRegistered, Created: created}, true, cli.ExitFailed, nil, nil, "rotate"},
		{"a signal after the secret was saved", flow.Result{Outcome: flow.OutcomeRegistered, Created: created, SavedTo: "client.env"}, true, cli.ExitOK, nil, nil, ""},
		{"reused", flow.Result{Existing: exists(flow.IfExistsReuse, client)}, false, cli.ExitOK, nil, nil, "reused (--if-exists reuse)"},
		{"reuse refused for a difference", flow.Result{Existing: exists(flow.IfExistsReuse, other)}, false, cli.ExitFailed,
			[]string{"no endpoint to update a client"}, nil, "only on the client: cards:read"},
		{"exists, --if-exists fail", flow.Result{Existing: exists(flow.IfExistsFail, client)}, false, cli.ExitFailed, []string{id}, nil, ""},
		{"left before the rotation --if-exists chose", flow.Result{Existing: exists(flow.IfExistsRotate, client)}, false, cli.ExitUsage, nil, nil, ""},
		{"a failure the line prompts said", flow.Result{Outcome: flow.OutcomeFailed, Err: errors.New("the partner account is suspended"), ErrSaid: true},
			false, cli.ExitFailed, nil, []string{"suspended"}, ""},
		{"a failure not said yet", flow.Result{Outcome: flow.OutcomeFailed, Err: errors.New("the partner account is suspended")},
			false, cli.ExitFailed, []string{"suspended"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test(strings.NewReader(""))
			ctx, cancel := context.WithCancel(context.Background())
			if tt.signal {
				cancel()
			}
			defer cancel()
			err := finish(ctx, options{}, tt.result, nil, streams)
			checkFinish(t, err, tt.code, tt.want, tt.absent, stderr.String(), created.PlaintextClientSecret.Reveal())
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr.String())
			}
		})
	}
}
