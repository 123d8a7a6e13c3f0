package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// expiryWarning is how close to its expiry a token is warned about.
const expiryWarning = 7 * 24 * time.Hour

// dateFormat is how an expiry is written.
const dateFormat = "2006-01-02 15:04 MST"

// now is the clock of the expiry warning; tests set it.
var now = time.Now

// statusOptions is status's command line, parsed.
type statusOptions struct {
	apiOptions
	streams *iostreams.IOStreams
}

// newCmdStatus is status, which says which token a run would use and what
// the API says of it. It runs runF with the options parsed, runStatus when
// runF is nil.
func newCmdStatus(streams *iostreams.IOStreams, runF func(context.Context, *statusOptions) error) *cobra.Command {
	opts := &statusOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show which token is in use and its expiry",
		Long: `Show the token a run would use for this API and where it came from
(FLEXSLOT_TOKEN, stdin, the keychain or the file login kept it in), its prefix
(never the token), its partner, scopes and expiry. Warns when it expires within
7 days; exits 1 when there is no token or the API refuses it.`,
		Example: `flexslot-register status
flexslot-register status --sandbox`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("status: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runStatus(cmd.Context(), opts)
		},
	}
	bindStoreFlags(cmd, &opts.apiOptions, true)
	return cmd
}

// runStatus prints the token in use and what the API says of it.
func runStatus(ctx context.Context, opts *statusOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	var token, from string
	closeSandbox := func() {}
	var err error
	if opts.sandbox {
		token, closeSandbox, err = opts.openAPI(opts.streams)
		from = fromSandbox
	} else {
		token, from, err = opts.token(opts.streams)
	}
	if err != nil {
		return err
	}
	defer closeSandbox()
	if token == "" {
		return cli.Exit(cli.ExitFailed, fmt.Errorf("no token for %s: run `flexslot-register login`, or set FLEXSLOT_TOKEN", opts.apiLabel()))
	}
	client, err := opts.connect(token)
	if err != nil {
		return cli.Usage(err)
	}
	out := opts.streams.Out
	fmt.Fprintf(out, "API:      %s\n", apiName(opts.apiOptions, client))
	fmt.Fprintf(out, "Token:    %s from %s\n", tokenPrefix(token), from)
	checked, err := checkToken(ctx, client)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Partner:  %s (%s, %s tier)\n", checked.partner.DisplayName(),
		validate.Sanitize(checked.partner.Status), validate.Sanitize(checked.partner.RateLimitTier))
	fmt.Fprintf(out, "Scopes:   %s\n", scopeList(checked.meta.Scopes))
	fmt.Fprintf(out, "Expires:  %s\n", checked.expiry())
	if warning := checked.expiryWarning(); warning != "" {
		fmt.Fprintln(opts.streams.ErrOut, "! "+warning)
	}
	return nil
}

// apiLabel names the API before a client is made.
func (o apiOptions) apiLabel() string {
	if o.sandbox {
		return "the in-process sandbox"
	}
	key, err := o.storeKey()
	if err != nil {
		return o.apiURL
	}
	return key
}

// scopeList is a token's scopes, cleaned, for one line.
func scopeList(scopes []string) string {
	if len(scopes) == 0 {
		return "none"
	}
	clean := make([]string, len(scopes))
	for i, s := range scopes {
		clean[i] = validate.Sanitize(s)
	}
	return strings.Join(clean, " ")
}

// expiry says when the token expires, and in how long.
func (c checkedToken) expiry() string {
	if c.meta.ExpiresAt == nil {
		return "never"
	}
	return fmt.Sprintf("%s (%s)", c.meta.ExpiresAt.Local().Format(dateFormat), untilWords(c.meta.ExpiresAt.Sub(now())))
}

// expiryWarning is a warning when the token expires within expiryWarning,
// else empty.
func (c checkedToken) expiryWarning() string {
	if c.meta.ExpiresAt == nil || c.meta.ExpiresAt.Sub(now()) > expiryWarning {
		return ""
	}
	return fmt.Sprintf("This token expires %s: make a new one under Settings → Personal Access Tokens on flexslot.gg, then run `flexslot-register login` with it.",
		untilWords(c.meta.ExpiresAt.Sub(now())))
}

// untilWords says a duration ahead in days or hours.
func untilWords(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("in %d days", int(d/(24*time.Hour)))
	case d >= 2*time.Hour:
		return fmt.Sprintf("in %d hours", int(d/time.Hour))
	case d > 0:
		return "within 2 hours"
	}
	return "now"
}
