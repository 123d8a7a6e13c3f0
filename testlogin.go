package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"charm.land/huh/v2"
	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/frontend/script"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// testLoginOptions is test-login's command line, parsed.
type testLoginOptions struct {
	apiOptions
	streams  *iostreams.IOStreams
	clientID string
	// scopes are the scopes to ask; the client's when none.
	scopes     []string
	noInput    bool
	secretFile string
	// dpop signs DPoP proofs for a client that is not DPoP-bound too.
	dpop bool
}

// newCmdTestLogin is test-login, which signs in with a client through the
// browser. It runs runF with the options parsed, runTestLogin when runF is
// nil.
func newCmdTestLogin(streams *iostreams.IOStreams, runF func(context.Context, *testLoginOptions) error) *cobra.Command {
	opts := &testLoginOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "test-login CLIENT_ID",
		Short: "Sign in with a client through your browser",
		Long: `Prove that a client works: sign in through your browser (PKCE, a
loopback redirect URI), call GET /decks/, and revoke the test tokens.

A confidential client's secret comes from FLEXSLOT_CLIENT_SECRET,
--secret-file, the first line of stdin, or a masked prompt; never from a
flag's value.

A DPoP-bound client (dpop_bound_access_tokens), or any client with
--dpop, signs a DPoP proof (RFC 9449) for each request with a key made
for the run and kept in memory only, and must get tokens bound to it.`,
		Example: `flexslot-register test-login cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q \
  --secret-file flexslot-client.env --scope decks:read`,
		ValidArgsFunction: completeClientIDs(&opts.apiOptions, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return cli.Usage(errors.New("test-login needs one client id: " + advice.CommandLine("test-login", "CLIENT_ID")))
			}
			opts.clientID = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTestLogin(cmd.Context(), opts)
		},
	}
	cli.BindListFlag(cmd, api.FieldAllowedScopes, &opts.scopes, "A scope to ask for; default: the client's scopes. Repeat for more.")
	bindAPIFlags(cmd, &opts.apiOptions)
	bindNoInput(cmd, &opts.noInput)
	cmd.Flags().StringVar(&opts.secretFile, "secret-file", "", "Read the client secret from a file this tool saved (FLEXSLOT_CLIENT_SECRET=...).")
	cmd.Flags().BoolVar(&opts.dpop, "dpop", false, "Sign DPoP proofs (RFC 9449) and expect DPoP-bound tokens, for a client that is not DPoP-bound too.")
	return cmd
}

// runTestLogin signs in with a registered client through the browser, to
// prove that its redirect URI, scopes and secret work. The secret comes from
// FLEXSLOT_CLIENT_SECRET, --secret-file (a file this tool saved), stdin, or
// a masked prompt in a terminal; never from a flag value.
func runTestLogin(ctx context.Context, opts *testLoginOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	secret := os.Getenv(secretfile.SecretVar)
	os.Unsetenv(secretfile.SecretVar) // no child (the browser) inherits it
	if secret == "" && opts.secretFile != "" {
		var err error
		if secret, err = secretfile.Secret(opts.secretFile); err != nil {
			return cli.Usage(fmt.Errorf("--secret-file: %w", err))
		}
	}
	streams := opts.streams
	token, closeSandbox, err := opts.openAPI(streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	login := script.TestLoginOptions{
		ClientID: opts.clientID, Secret: secret, Scopes: opts.scopes, Token: token, BaseURL: opts.apiURL, DPoP: opts.dpop,
		Connect: func(token string) (script.API, error) { return opts.connect(token) },
	}
	switch {
	case !streams.IsStdinTTY() && !opts.tokenStdin:
		// Read only for a confidential client: a public one's run would
		// wait on a stdin that stays open.
		login.AskSecret = func() (string, error) {
			line, _ := bufio.NewReader(streams.In).ReadString('\n')
			return strings.TrimSpace(line), nil
		}
	case streams.Interactive() && !opts.noInput:
		login.AskSecret = func() (string, error) {
			var typed string
			err := huh.NewInput().Title("Client secret of " + opts.clientID).EchoMode(huh.EchoModePassword).Value(&typed).Run()
			return strings.TrimSpace(typed), err
		}
	}
	return script.TestLogin(ctx, login, streams)
}
