package script

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// stubCreator answers a create with resp or err. The scripted run against
// the real sandbox over loopback is tested in the root package
// (TestScriptedRegistration); this checks the decisions alone.
type stubCreator struct {
	resp  *api.CreateClientResponse
	err   error
	calls int
}

func (s *stubCreator) CreateOAuth2Client(context.Context, api.CreateClientRequest) (*api.CreateClientResponse, error) {
	s.calls++
	return s.resp, s.err
}

func (s *stubCreator) ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error) { return nil, nil }

func (s *stubCreator) RotateSecret(context.Context, string) (*api.CreateClientResponse, error) {
	return nil, errors.New("no rotation here")
}

func (s *stubCreator) GetPartner(context.Context) (*api.Partner, error) {
	return nil, errors.New("no partner here")
}

func (s *stubCreator) BaseURL() string { return api.DefaultBaseURL }

func created(id, secret string) *api.CreateClientResponse {
	return &api.CreateClientResponse{Client: api.OAuth2Client{ClientID: id, ClientType: "confidential", ApplicationName: "Deck Tracker"},
		PlaintextClientSecret: api.Secret(secret)}
}

func createdPublic(id string) *api.CreateClientResponse {
	resp := created(id, "")
	resp.Client.ClientType = "public"
	return resp
}

func TestRun(t *testing.T) {
	valid := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	public := valid
	public.ClientType = "public"
	tests := []struct {
		name         string
		opts         Options
		creator      *stubCreator
		code, calls  int
		stdout       string
		stderrHolds  string
		secretHidden string // must appear on no output
		nullStdout   bool   // stdout is the null device
	}{
		{"missing values, nothing sent", Options{Token: "t", PrintSecret: true}, &stubCreator{}, cli.ExitUsage, 0, "", "missing --name, --redirect-uri", "", false},
		{"no token", Options{Request: valid, PrintSecret: true}, &stubCreator{}, cli.ExitUsage, 0, "", "no token", "", false},
		{"nothing captures the secret", Options{Request: valid, Token: "t"}, &stubCreator{}, cli.ExitUsage, 0, "", "nothing would capture it", "", false},
		{"printed", Options{Request: valid, Token: "t", PrintSecret: true}, &stubCreator{resp: created("cli_1", "s3cr3t")}, cli.ExitOK, 1,
			"cli_1\ns3cr3t\n", `Registered "Deck Tracker" (confidential client) as cli_1.`, "", false},
		{"a secret that is not a credential is printed nowhere", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{resp: created("cli_1", "x$(id)")}, cli.ExitFailed, 1, "", "not a valid credential", "x$(id)", false},
		{"refused: the flag is named", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{err: &api.Error{StatusCode: 400, Fields: []api.FieldError{{Field: api.FieldRedirectURIs, Index: 0, Message: "Taken."}}}},
			cli.ExitFailed, 1, "", "--redirect-uri #1 (https://a.example/cb): Taken.", "", false},
		{"refused, wrapped: still named, no panic", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{err: fmt.Errorf("create: %w", &api.Error{StatusCode: 400, Fields: []api.FieldError{{Field: api.FieldRedirectURIs, Index: 0, Message: "Taken."}}})},
			cli.ExitFailed, 1, "", "--redirect-uri #1 (https://a.example/cb): Taken.", "", false},
		{"may have created: said", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{err: &api.Error{Op: api.OpCreate, StatusCode: 502, MayHaveCreated: true, Message: "the server answered 502 Bad Gateway"}},
			cli.ExitFailed, 1, "", "Nothing was created", "", false},
		{"stdout is the null device: --print-secret refused before sending", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{resp: created("cli_1", "s3cr3t")}, cli.ExitUsage, 0, "", "stdout is the null device (> /dev/null, or closed), so --print-secret would print it nowhere", "", true},
		{"stdout is the null device: --json refused before sending", Options{Request: valid, Token: "t", JSON: true},
			&stubCreator{resp: created("cli_1", "s3cr3t")}, cli.ExitUsage, 0, "", "so --json would print it nowhere", "", true},
		{"stdout is the null device: a public client has no secret to lose", Options{Request: public, Token: "t", PrintSecret: true},
			&stubCreator{resp: createdPublic("cli_1")}, cli.ExitOK, 1, "cli_1\n", "(public client)", "", true},
		{"no secret for a confidential client: the id, exit 1, the rotation", Options{Request: valid, Token: "t", PrintSecret: true},
			&stubCreator{resp: created("cli_1", "")}, cli.ExitFailed, 1, "cli_1\n", "sent no secret: rotate it to get a new one: flexslot-register rotate cli_1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			streams, stdout, stderr := iostreams.Test(strings.NewReader(""))
			streams.SetStdoutNull(tt.nullStdout)
			tt.opts.Connect = func(string) (API, error) { return tt.creator, nil }
			err := Run(context.Background(), tt.opts, streams)
			if code := cli.CodeOf(err); code != tt.code {
				t.Errorf("exit %d, want %d (%v)", code, tt.code, err)
			}
			errText := stderr.String()
			if err != nil {
				errText += err.Error()
			}
			if tt.creator.calls != tt.calls || stdout.String() != tt.stdout || !strings.Contains(errText, tt.stderrHolds) {
				t.Errorf("calls %d, stdout %q, stderr and error:\n%s", tt.creator.calls, stdout.String(), errText)
			}
			if tt.secretHidden != "" && strings.Contains(stdout.String()+errText, tt.secretHidden) {
				t.Errorf("the refused secret reached an output")
			}
		})
	}
}

func TestOptionsNeverPrintTheToken(t *testing.T) {
	o := Options{Token: "flx_pat_NeverPrintMe"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if strings.Contains(fmt.Sprintf(format, o), "NeverPrintMe") {
			t.Errorf("%s prints the token", format)
		}
	}
}

// TestDeliverSurvivesAPanic: a panic while the secret is delivered ends the
// run with exit 1, naming the client, and how to get a new secret unless it
// was delivered already; the secret is in no message.
func TestDeliverSurvivesAPanic(t *testing.T) {
	valid := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	const secret = "s3cr3tXYZ"
	tests := []struct {
		name    string
		opts    Options
		trigger string // the stdout write that panics
		want    []string
		absent  []string
	}{
		{"before the secret is printed", Options{Request: valid, Token: "t", PrintSecret: true}, "cli_1",
			[]string{"stopped on an internal error", "after registering cli_1", "rotate it to get a new one: flexslot-register rotate cli_1"}, nil},
		{"after the JSON is written", Options{Request: valid, Token: "t", JSON: true}, secret,
			[]string{"after registering cli_1", "rotate"}, nil},
		{"after the file is written", Options{Request: valid, Token: "t", SecretFile: "FILE"}, "cli_1",
			[]string{"after registering cli_1."}, []string{"rotate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.opts.SecretFile == "FILE" {
				tt.opts.SecretFile = t.TempDir() + "/client.env"
			}
			streams, stdout, stderr := iostreams.Test(strings.NewReader(""))
			streams.Out = iostreams.Sanitizing(&uitest.PanicOnce{W: stdout, Trigger: tt.trigger})
			tt.opts.Connect = func(string) (API, error) { return &stubCreator{resp: created("cli_1", secret)}, nil }
			err := Run(context.Background(), tt.opts, streams)
			if code := cli.CodeOf(err); code != cli.ExitFailed {
				t.Fatalf("exit %d, want %d (%v)", code, cli.ExitFailed, err)
			}
			msg := err.Error()
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
			if !strings.Contains(stderr.String(), "internal error (a bug") || strings.Contains(stderr.String()+msg, secret) {
				t.Errorf("stderr %q: want the panic, without the secret", stderr.String())
			}
		})
	}
}

// failing refuses every write, as a full disk or a closed pipe does.
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestNoSecretAndAFailedWrite: a confidential client created without its
// secret whose id could not be written either still ends with the rotate
// command (the failed write's words once hid it).
func TestNoSecretAndAFailedWrite(t *testing.T) {
	valid := api.CreateClientRequest{ApplicationName: "Deck Tracker", RedirectURIs: []string{"https://a.example/cb"}}
	streams, _, _ := iostreams.Test(strings.NewReader(""))
	streams.Out = iostreams.Sanitizing(failing{})
	err := Run(context.Background(), Options{Request: valid, Token: "t", PrintSecret: true,
		Connect: func(string) (API, error) { return &stubCreator{resp: created("cli_1", "")}, nil }}, streams)
	if code := cli.CodeOf(err); code != cli.ExitFailed || err == nil ||
		!strings.Contains(err.Error(), "could not write to stdout") || !strings.Contains(err.Error(), "flexslot-register rotate cli_1") {
		t.Errorf("exit %d: %v", code, err)
	}
}
