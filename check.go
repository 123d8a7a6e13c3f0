package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// checkOptions is check's command line, parsed.
type checkOptions struct {
	streams *iostreams.IOStreams
	// flagged is what the flags give of the request: the redirect URIs and
	// the links, all check looks at.
	flagged cli.Registration
	from    string
	offline bool
	// sandbox is --sandbox, which check takes as every command does, so
	// that a line of --sandbox commands runs whole; it changes nothing.
	sandbox bool
}

// checkedFields are the fields of the request that check looks at, and so
// has flags for.
var checkedFields = []string{api.FieldRedirectURIs, api.FieldApplicationURL, api.FieldApplicationLogoURL, api.FieldPrivacyPolicyURL, api.FieldTOSURL}

// newCmdCheck is check, the go-live check of what players will see. It runs
// runF with the options parsed, runCheck when runF is nil.
func newCmdCheck(streams *iostreams.IOStreams, runF func(context.Context, *checkOptions) error) *cobra.Command {
	opts := &checkOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the links and hosts players will see",
		Long: `Look at what the consent page will show players, and where it sends
them: the application, logo, privacy policy and terms links must answer
(2xx, or 3xx to a page that does) within a few seconds, over https with a
valid certificate, and the logo must be an image under 1 MiB; the hosts of
redirect URIs that are not loopback must resolve and, for https, answer
with a valid certificate. Only public addresses are contacted: a link or
host on this machine or a private network is a warning (players cannot
reach it) and is not fetched. Nothing is sent to the API, and no token or
cookie to the sites.

Each problem is printed as a warning on stdout. Exit codes: 0 nothing
found (or --offline), 1 a warning, or no network to check with.`,
		Example: `flexslot-register check --from flexslot-client.json
flexslot-register check --privacy-url https://decktracker.example/privacy`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("check: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	cli.BindFlags(cmd, &opts.flagged, checkedFields...)
	cmd.Flags().StringVar(&opts.from, "from", "", "A JSON manifest with the request's field names (as in the API); flags override it.")
	cmd.Flags().BoolVar(&opts.offline, "offline", false, "Check nothing: say so, and exit 0.")
	cmd.Flags().BoolVar(&opts.sandbox, "sandbox", false, "Taken as every command takes it; check asks no API, the sandbox neither, so it changes nothing.")
	return cmd
}

// runCheck runs the go-live check on the request the manifest and flags
// give, and prints each finding as a warning.
func runCheck(ctx context.Context, opts *checkOptions) error {
	reg, err := readRegistration(ctx, opts.from, opts.flagged)
	if err != nil {
		return err
	}
	streams := opts.streams
	if opts.offline {
		fmt.Fprintln(streams.ErrOut, "Skipped the go-live check (--offline): no link or host was looked at.")
		return nil
	}
	report := goLive().Check(ctx, reg.Request)
	switch {
	case report.Offline:
		return cli.Exit(cli.ExitFailed, errors.New("no network here: no link or host could be looked at, so nothing was checked"))
	case report.Checked == 0:
		fmt.Fprintln(streams.ErrOut, "Nothing to check: no link, and no redirect URI on a public host.")
		return nil
	}
	for _, f := range report.Findings {
		fmt.Fprintln(streams.Out, "warning: "+f.String())
	}
	if len(report.Findings) == 0 {
		fmt.Fprintf(streams.ErrOut, "Checked %s: nothing to warn about.\n", report.Looked())
		return nil
	}
	return cli.Exit(cli.ExitFailed, fmt.Errorf("checked %s: %s", report.Looked(), report.Warnings()))
}
