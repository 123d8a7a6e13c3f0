package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/frontend/script"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// rotateOptions is rotate's command line, parsed.
type rotateOptions struct {
	apiOptions
	streams *iostreams.IOStreams
	// clientID is the client to rotate; "" picks it from a list in a
	// terminal.
	clientID                                      string
	noInput, accessible, printSecret, json, force bool
	secretFile                                    string
	clipboardClear                                time.Duration
}

// newCmdRotate is rotate, which gives a confidential client a new secret.
// It runs runF with the options parsed, runRotate when runF is nil.
func newCmdRotate(streams *iostreams.IOStreams, runF func(context.Context, *rotateOptions) error) *cobra.Command {
	opts := &rotateOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "rotate [CLIENT_ID]",
		Short: "Give a confidential client a new secret",
		Long: `Give a confidential client a new secret; apps using the current one
need the new one.

In a terminal, without CLIENT_ID, pick the client from a list; then
confirm, and the new secret is shown, copied or saved like a new client's.
Without a terminal it needs CLIENT_ID, and --secret-file, --json or
--print-secret.`,
		Example: `flexslot-register rotate
flexslot-register rotate cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q \
  --secret-file flexslot-client.env --force`,
		ValidArgsFunction: completeClientIDs(&opts.apiOptions, "confidential"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return cli.Usage(fmt.Errorf("rotate: one client id at most, got %d", len(args)))
			}
			if len(args) == 1 {
				opts.clientID = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRotate(cmd.Context(), opts)
		},
	}
	bindAPIFlags(cmd, &opts.apiOptions)
	bindNoInput(cmd, &opts.noInput)
	bindAccessible(cmd, &opts.accessible)
	bindClipboardClear(cmd, &opts.clipboardClear)
	bindSecretFlags(cmd, &opts.secretFile, &opts.printSecret, &opts.json, &opts.force)
	return cmd
}

// runRotate gives a confidential client a new secret: in a terminal through
// the wizard's screens (a picker without an id, a confirmation, the result
// screen), else scripted, like a create.
func runRotate(ctx context.Context, opts *rotateOptions) error {
	token, closeSandbox, err := opts.openAPI(opts.streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	if opts.noInput || opts.json || !opts.streams.Interactive() {
		return script.Rotate(ctx, opts.clientID, script.Options{
			Token: token, JSON: opts.json, PrintSecret: opts.printSecret, SecretFile: opts.secretFile, Force: opts.force,
			Connect: func(token string) (script.API, error) { return opts.connect(token) },
		}, opts.streams)
	}
	wizard := options{apiOptions: opts.apiOptions, streams: opts.streams, accessible: opts.accessible, clipboardClear: opts.clipboardClear,
		secretFile: opts.secretFile, printSecret: opts.printSecret}
	cfg := wizardConfig(wizard, token)
	cfg.Mode, cfg.ClientID = flow.ModeRotate, opts.clientID
	return runWizard(ctx, wizard, cfg, opts.streams)
}
