package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// logoutOptions is logout's command line, parsed.
type logoutOptions struct {
	apiOptions
	streams *iostreams.IOStreams
}

// newCmdLogout is logout, which removes the token login kept for an API. It
// runs runF with the options parsed, runLogout when runF is nil.
func newCmdLogout(streams *iostreams.IOStreams, runF func(context.Context, *logoutOptions) error) *cobra.Command {
	opts := &logoutOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Remove the token kept for this API",
		Long: `Remove the token login kept for this API, from the system keychain and from
the file. The token itself still works until you revoke it on flexslot.gg.`,
		Example:           `flexslot-register logout`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("logout: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLogout(opts)
		},
	}
	bindStoreFlags(cmd, &opts.apiOptions, false)
	return cmd
}

// runLogout removes this API's token from both places and says from where.
func runLogout(opts *logoutOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	key, err := opts.storeKey()
	if err != nil {
		return cli.Usage(err)
	}
	store, err := openStore()
	if err != nil {
		return err
	}
	removed, err := store.Delete(key)
	out := opts.streams.ErrOut
	for _, place := range removed {
		fmt.Fprintf(out, "✓ Removed the token for %s from %s.\n", opts.apiLabel(), place)
	}
	if err != nil {
		return fmt.Errorf("could not check every place for the token of %s: %w", opts.apiLabel(), err)
	}
	if len(removed) == 0 {
		fmt.Fprintf(out, "No token was kept for %s.\n", opts.apiLabel())
	} else {
		fmt.Fprintln(out, "It still works until you revoke it under Settings → Personal Access Tokens on flexslot.gg.")
	}
	if os.Getenv(tokenVar) != "" {
		fmt.Fprintln(out, "FLEXSLOT_TOKEN is still set: runs use it.")
	}
	return nil
}
