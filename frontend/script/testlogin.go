package script

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/signin"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// TestLoginOptions is a test sign-in from the command line.
type TestLoginOptions struct {
	ClientID string
	// Secret is a confidential client's secret (never from a flag value).
	Secret string
	// Scopes to ask; the client's when empty.
	Scopes  []string
	Token   string
	BaseURL string
	Connect func(token string) (API, error)
	// Open opens the browser; signin.Browser when nil.
	Open func(url string) error
	// AskSecret asks for a confidential client's secret when none was given
	// (a masked prompt in a terminal, the first line of a piped stdin); nil
	// where nobody can be asked.
	AskSecret func() (string, error)
	// DPoP signs DPoP proofs for a client that is not DPoP-bound too
	// (signin.Options.DPoP); a DPoP-bound one always does.
	DPoP bool
}

// TestLogin signs in with a registered client through the browser and says
// what that proved, as plain lines: the URL and the wait on stderr, the
// outcome on stdout. The tokens are revoked and never shown.
func TestLogin(ctx context.Context, opts TestLoginOptions, io *iostreams.IOStreams) error {
	if opts.ClientID == "" {
		return cli.Usage(errors.New("which client? " + advice.CommandLine("test-login", "CLIENT_ID")))
	}
	if opts.Token == "" {
		return cli.Usage(errors.New(advice.NoToken()))
	}
	client, err := opts.Connect(opts.Token)
	if err != nil {
		return cli.Usage(err)
	}
	clients, err := client.ListOAuth2Clients(ctx)
	if err != nil {
		return errors.New(strings.Join(advice.Of(err).Lines(), " "))
	}
	var found bool
	flowOpts := signin.Options{BaseURL: opts.BaseURL, Secret: opts.Secret, Scopes: opts.Scopes, Open: opts.Open, DPoP: opts.DPoP}
	for _, c := range clients {
		if c.ClientID == opts.ClientID {
			flowOpts.Client, found = c, true
		}
	}
	if found && flowOpts.Client.ClientType == "confidential" && opts.Secret == "" && opts.AskSecret != nil {
		if flowOpts.Secret, err = opts.AskSecret(); err != nil {
			return cli.Exit(cli.ExitCancelled, nil)
		}
	}
	switch {
	case !found:
		return errors.New(advice.NotOurs(opts.ClientID))
	case flowOpts.Client.ClientType == "confidential" && flowOpts.Secret == "":
		return cli.Usage(errors.New("a confidential client signs in with its secret: give it in FLEXSLOT_CLIENT_SECRET, with --secret-file, or on stdin"))
	}
	flow, err := signin.Start(flowOpts)
	if err == nil {
		defer flow.Close()
		err = flow.Precheck(ctx)
	}
	if err != nil {
		return signinFailed(err, io)
	}
	fmt.Fprintf(io.ErrOut, "Signing in with %s in your browser. Where it does not open (over SSH), open this URL by hand:\n%s\nWaiting (up to 5 minutes; ctrl+c cancels)…\n", opts.ClientID, flow.URL())
	out, err := flow.Wait(ctx, signin.DefaultTimeout)
	if err != nil {
		return signinFailed(err, io)
	}
	_, err = fmt.Fprintln(io.Out, advice.SignedIn(out))
	return err
}

// signinFailed says what went wrong and ends 1 (2 when cancelled).
func signinFailed(err error, io *iostreams.IOStreams) error {
	problem, next := advice.SignInFailed(err)
	fmt.Fprintln(io.ErrOut, "flexslot-register: ✗", problem)
	if next != "" {
		fmt.Fprintln(io.ErrOut, next)
	}
	var e *signin.Error
	if errors.As(err, &e) && e.Kind == signin.KindCancelled {
		return cli.Exit(cli.ExitCancelled, nil)
	}
	return cli.Exit(cli.ExitFailed, nil)
}
