package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// loginOptions is login's command line, parsed.
type loginOptions struct {
	apiOptions
	streams *iostreams.IOStreams
	// askToken asks for the token in a terminal, masked.
	askToken func(*iostreams.IOStreams) (string, error)
}

// newCmdLogin is login, which checks a token against the API and keeps it
// for the next runs. It runs runF with the options parsed, runLogin when runF
// is nil.
func newCmdLogin(streams *iostreams.IOStreams, runF func(context.Context, *loginOptions) error) *cobra.Command {
	opts := &loginOptions{streams: streams, askToken: askTokenMasked}
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Check your token and keep it for next runs",
		Long: `Ask for your personal access token (masked; or the first line of stdin with
--token-stdin), check it against the API, and keep it in the system keychain,
for this API only. Where there is no keychain (no D-Bus session, WSL, CI) it is
kept in a file readable by you only in your config directory; login says which.
In every run, FLEXSLOT_TOKEN and --token-stdin come before the kept token.`,
		Example: `flexslot-register login
pass show flexslot | flexslot-register login --token-stdin
flexslot-register login --api-url https://staging.example`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("login: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLogin(cmd.Context(), opts)
		},
	}
	bindStoreFlags(cmd, &opts.apiOptions, true)
	return cmd
}

// bindStoreFlags defines the flags of login, logout and status: the API
// (--sandbox, --api-url) and, with tokenStdin, --token-stdin.
func bindStoreFlags(cmd *cobra.Command, o *apiOptions, tokenStdin bool) {
	fs := cmd.Flags()
	fs.BoolVar(&o.sandbox, "sandbox", false, "The in-process sandbox's token, kept apart from every other API's.")
	fs.StringVar(&o.apiURL, "api-url", os.Getenv("FLEXSLOT_API_URL"), "The API's base URL (FLEXSLOT_API_URL; default https://api.flexslot.gg): each API has a token of its own.")
	if tokenStdin {
		fs.BoolVar(&o.tokenStdin, "token-stdin", false, "Read the token from the first line of stdin. There is no --token flag: it would land in shell history and ps.")
	}
	noFiles(cmd, "api-url")
}

// runLogin reads the token, checks it (its metadata, the partner) and keeps
// it under this API's key. Nothing is kept when the check fails.
func runLogin(ctx context.Context, opts *loginOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	out := opts.streams.ErrOut
	token, closeSandbox, err := opts.loginToken()
	if err != nil {
		return err
	}
	defer closeSandbox()
	client, err := opts.connect(token)
	if err != nil {
		return cli.Usage(err)
	}
	checked, err := checkToken(ctx, client)
	if err != nil {
		return fmt.Errorf("nothing was kept: %w", err)
	}
	key, err := opts.storeKey()
	if err != nil {
		return cli.Usage(err)
	}
	store, err := openStore()
	if err != nil {
		return err
	}
	place, err := store.Save(key, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "✓ Logged in to %s as %s with %s.\n", apiName(opts.apiOptions, client), checked.partner.DisplayName(), tokenPrefix(token))
	if place.KeychainErr != nil {
		fmt.Fprintf(out, "No system keychain (%v): the token is kept in %s.\n", place.KeychainErr, place)
	} else {
		fmt.Fprintf(out, "The token is kept in %s.\n", place)
	}
	if warning := checked.expiryWarning(); warning != "" {
		fmt.Fprintln(out, "! "+warning)
	}
	return nil
}

// loginToken is the token to check and keep: the first line of stdin with
// --token-stdin, else asked in the terminal. FLEXSLOT_TOKEN is refused: it
// would come before the kept token all the same. --sandbox is refused: every
// --sandbox run uses the sandbox's own token, which no run reads from the
// store, so keeping one would only leave an entry nothing uses.
func (o *loginOptions) loginToken() (token string, closeSandbox func(), err error) {
	if o.sandbox {
		return "", nil, cli.Usage(errors.New("--sandbox needs no login: every --sandbox run uses the sandbox's own token (`" +
			advice.CommandLine("status") + "` shows it)"))
	}
	token, err = readToken(o.tokenStdin, o.streams)
	switch {
	case err != nil:
		return "", nil, err
	case token != "" && !o.tokenStdin:
		return "", nil, cli.Usage(errors.New("FLEXSLOT_TOKEN is set, and it comes before any kept token: unset it to log in, or keep using it"))
	case token == "" && !o.streams.IsStdinTTY():
		return "", nil, cli.Usage(errors.New("no terminal to ask for the token in: pipe it with --token-stdin"))
	case token == "":
		if token, err = o.askToken(o.streams); err != nil {
			return "", nil, err
		}
	}
	if err := validate.Token(token); err != nil {
		return "", nil, cli.Usage(err)
	}
	return token, func() {}, nil
}

// askTokenMasked asks for the token on the terminal, echoing nothing.
func askTokenMasked(streams *iostreams.IOStreams) (string, error) {
	fmt.Fprint(streams.ErrOut, "Personal access token (Settings → Personal Access Tokens on flexslot.gg; input hidden): ")
	line, err := term.ReadPassword(os.Stdin.Fd())
	fmt.Fprintln(streams.ErrOut)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(line)), nil
}

// tokenPrefixLen is how much of a token login and status show: flx_pat_
// and four characters, as the API's token_prefix.
const tokenPrefixLen = len(validate.TokenPrefix) + 4

// tokenPrefix is the start of token, never the whole of it.
func tokenPrefix(token string) string {
	return token[:min(tokenPrefixLen, len(token)/2)] + "…"
}

// apiName names the API for a person: the sandbox, or its base URL.
func apiName(o apiOptions, client *api.Client) string {
	if o.sandbox {
		return "the in-process sandbox"
	}
	return client.BaseURL()
}

// checkedToken is what the API says of a token: its metadata and partner.
type checkedToken struct {
	meta    *api.AccessToken
	partner *api.Partner
}

// checkToken asks the API for the token's metadata and its partner; a
// token that is refused, revoked, expired or without a partner account is
// an error that says what to do.
func checkToken(ctx context.Context, client *api.Client) (checkedToken, error) {
	meta, err := client.GetAccessToken(ctx)
	if err != nil {
		return checkedToken{}, errors.New(strings.Join(advice.Of(err).Lines(), " "))
	}
	switch {
	case meta.RevokedAt != nil:
		return checkedToken{}, errors.New("this token was revoked: make a new one under Settings → Personal Access Tokens on flexslot.gg")
	case meta.ExpiresAt != nil && !meta.ExpiresAt.After(now()):
		return checkedToken{}, fmt.Errorf("this token expired on %s: make a new one under Settings → Personal Access Tokens on flexslot.gg", meta.ExpiresAt.Format(dateFormat))
	}
	partner, err := client.GetPartner(ctx)
	if err != nil {
		return checkedToken{}, errors.New(strings.Join(advice.Of(err).Lines(), " "))
	}
	return checkedToken{meta: meta, partner: partner}, nil
}
