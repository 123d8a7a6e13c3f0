package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/frontend/script"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// options is the registration's command line (the top command), parsed:
// what the wizard (wizard.go), the line prompts and the scripted run are
// given.
type options struct {
	apiOptions
	streams *iostreams.IOStreams
	// flagged is the registration the flags give; reg adds it over the
	// manifest's (readRegistration).
	flagged, reg                                                                         cli.Registration
	from, draft, secretFile, ifExists                                                    string
	yes, noInput, accessible, dryRun, offline, json, printSecret, force, rotateIfCreated bool
	clipboardClear                                                                       time.Duration
}

// newCmdRegister is the top command, which registers a client: every field
// of the registration has a flag (api.Fields, through cli.BindFlags). It
// runs runF with the options parsed, runRegister when runF is nil.
func newCmdRegister(streams *iostreams.IOStreams, runF func(context.Context, *options) error) *cobra.Command {
	opts := &options{streams: streams}
	cmd := &cobra.Command{
		Use:   "flexslot-register",
		Short: "Register an OAuth2 client for the flexslot.gg partner API",
		Long: `Register an OAuth2 client for the flexslot.gg partner API.

In a terminal, a wizard asks for what the flags and --from do not give,
shows the request for review, sends it, and shows the client id and the
one-time secret on the alternate screen, to copy or save. Without a
terminal (or with --no-input or --json) it runs from the flags alone.

The token is FLEXSLOT_TOKEN, or the first line of stdin with --token-stdin,
or the one login kept for the API; the wizard asks for it, masked, when none
gives one.

Data goes to stdout (the client id, the JSON, or the wizard's summary),
everything else to stderr. Exit codes: 0 registered (or --dry-run passed),
1 failed (refused by the server, network, ...), 2 nothing was sent (a bad or
missing value, or you left before sending).`,
		Example: `# Try it, no account needed
flexslot-register --sandbox

# In CI, with FLEXSLOT_TOKEN from the CI's secret store
flexslot-register --no-input --name "Deck Tracker" \
  --redirect-uri https://decktracker.example/oauth/callback \
  --scope decks:read --secret-file flexslot-client.env --if-exists reuse

# From a manifest kept in the repository, as JSON
flexslot-register --from flexslot-client.json --json > registered.json

# What would be sent, checked as the run would check it
flexslot-register --from flexslot-client.json --dry-run \
  --secret-file flexslot-client.env`,
		Version: versionLine(),
		Args:    cli.UnknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRegister(cmd.Context(), opts)
		},
	}
	cli.BindFlags(cmd, &opts.flagged)
	fs := cmd.Flags()
	fs.StringVar(&opts.from, "from", "", "A JSON manifest with the request's field names (as in the API); flags override it.")
	bindAPIFlags(cmd, &opts.apiOptions)
	fs.BoolVar(&opts.yes, "yes", false, "Skip the review screen.")
	bindNoInput(cmd, &opts.noInput)
	bindAccessible(cmd, &opts.accessible)
	bindClipboardClear(cmd, &opts.clipboardClear)
	bindSecretFlags(cmd, &opts.secretFile, &opts.printSecret, &opts.json, &opts.force)
	fs.BoolVar(&opts.dryRun, "dry-run", false, "Check what the run would, print the request and its curl; send nothing.")
	fs.BoolVar(&opts.offline, "offline", false, "Skip the review's go-live check of the links and redirect hosts.")
	fs.StringVar(&opts.draft, "draft", "", "When a run stops before sending (a missing or bad value, or you leave the wizard), "+
		"keep the answers in this file, a manifest that --from resumes from; the wizard offers it.")
	cli.StringEnumFlag(cmd, &opts.ifExists, "if-exists", "", flow.IfExistsChoices, "When a client of that name exists already: "+
		"fail (exit 1; a scripted run's default), reuse (print its id, send nothing) or rotate (a new secret for it); "+
		"without it, the wizard and the line prompts let you choose.")
	fs.BoolVar(&opts.rotateIfCreated, "rotate-if-created", false, "When a create's answer is lost and the client turns out "+
		"to exist, rotate its secret and deliver that (never a second create).")
	fixed(cmd, "if-exists", "fail\tfail, exit 1", "reuse\tprint its id, send nothing", "rotate\ta new secret for it")
	return cmd
}

// runRegister registers a client: a dry run, the scripted run or the wizard.
// A run without the wizard that stops before sending keeps the answers with
// --draft.
func runRegister(ctx context.Context, opts *options) error {
	err := register(ctx, opts)
	if opts.draft != "" && cli.CodeOf(err) == cli.ExitUsage {
		report(opts.streams.ErrOut, err)
		keepDraft(opts)
		return cli.Exit(cli.ExitUsage, nil)
	}
	return err
}

// register is runRegister before --draft.
func register(ctx context.Context, opts *options) error {
	advice.SetAPI(opts.sandbox, opts.apiURL) // for a --draft's resume line too
	var err error
	if opts.reg, err = readRegistration(ctx, opts.from, opts.flagged); err != nil {
		return err
	}
	baseURL := opts.apiURL // a dry run's curl names the API, not a sandbox gone by then
	token, closeSandbox, err := opts.openAPI(opts.streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	scripted := script.Options{
		Request: opts.reg.Request, Token: token, JSON: opts.json, PrintSecret: opts.printSecret,
		SecretFile: opts.secretFile, Force: opts.force,
		Connect:         func(token string) (script.API, error) { return opts.connect(token) },
		RotateIfCreated: opts.rotateIfCreated,
		IfExists:        opts.ifExists,
	}
	switch {
	case opts.dryRun:
		scripted.CheckLinks = checkLinks(*opts)
		return script.DryRun(ctx, scripted, baseURL, opts.streams)
	case opts.noInput || opts.json || !opts.streams.Interactive():
		return script.Run(ctx, scripted, opts.streams)
	}
	return runWizard(ctx, *opts, wizardConfig(*opts, token), opts.streams)
}

// keepDraft writes --draft after a run that stopped before sending, and
// says where it went and how to resume, or why it could not.
func keepDraft(opts *options) {
	errOut := opts.streams.ErrOut
	req := opts.reg.Request.WithDefaults()
	if !api.HasAnswers(req) {
		fmt.Fprintln(errOut, "flexslot-register: --draft: no valid answer to keep; no draft written.")
		return
	}
	data, dropped := api.Draft(req)
	path, err := secretfile.SaveNew(opts.draft, string(data), opts.force)
	switch {
	case errors.Is(err, fs.ErrExist):
		fmt.Fprintf(errOut, "flexslot-register: --draft: %s exists; add --force to replace it.\n", path)
		return
	case err != nil:
		fmt.Fprintln(errOut, "flexslot-register: --draft:", err)
		return
	}
	if len(dropped) > 0 {
		fmt.Fprintf(errOut, "Not kept, since they are not valid yet: %s.\n", strings.Join(dropped, ", "))
	}
	fmt.Fprintln(errOut, advice.DraftKept(path, opts.sandbox))
}
