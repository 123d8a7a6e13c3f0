package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/clientlist"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// listOptions is list's command line, parsed.
type listOptions struct {
	apiOptions
	streams *iostreams.IOStreams
	json    bool
}

// newCmdList is list, which prints the partner's clients. It runs runF with
// the options parsed, runList when runF is nil.
func newCmdList(streams *iostreams.IOStreams, runF func(context.Context, *listOptions) error) *cobra.Command {
	opts := &listOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print your OAuth2 clients",
		Long: `Print your OAuth2 clients: a table (one block a client in a terminal
narrower than the table), or the list as JSON with --json.

When stdout is not a terminal (a pipe, a file), list prints one client a line,
its fields separated by tabs, with no header, box or colour:

  ` + strings.Join(clientlist.Columns, ", ") + `

Scopes and redirect URIs are separated by spaces, the times are RFC 3339 in
UTC, and a client never used has an empty last-used field.`,
		Example: `FLEXSLOT_TOKEN=... flexslot-register list
flexslot-register list | cut -f1,2
flexslot-register list --json | jq -r '.[].client_id'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("list: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runList(cmd.Context(), opts)
		},
	}
	bindAPIFlags(cmd, &opts.apiOptions)
	cmd.Flags().BoolVar(&opts.json, "json", false, "Print the list as JSON.")
	return cmd
}

// runList prints the partner's clients: a table (one block a client where
// the terminal is narrower than the table), tab-separated lines where stdout
// is not a terminal, or JSON with --json.
func runList(ctx context.Context, opts *listOptions) error {
	client, closeSandbox, err := opts.openClient(opts.streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	clients, err := client.ListOAuth2Clients(ctx)
	if err != nil {
		return errors.New(strings.Join(advice.Of(err).Lines(), " "))
	}
	out := opts.streams
	if opts.json {
		return clientlist.JSON(out.Out, clients)
	}
	if len(clients) == 0 {
		fmt.Fprintf(out.ErrOut, "No OAuth2 clients yet: `%s` registers one.\n", advice.CommandLine())
		return nil
	}
	if !out.IsStdoutTTY() {
		return clientlist.TSV(out.TableOut(), clients)
	}
	_, err = fmt.Fprint(out.Out, clientlist.Render(clients, out.StdoutWidth()))
	return err
}
