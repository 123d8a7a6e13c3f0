package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/ui"
	"github.com/flexslot/flexslot-register/validate"
)

// requestScopesOptions is request-scopes' command line, parsed.
type requestScopesOptions struct {
	apiOptions
	streams                   *iostreams.IOStreams
	scopes, gameScopes        []string
	justification             string
	noInput, accessible, json bool
}

// newCmdRequestScopes is request-scopes, which asks flexslot for scopes the
// partner account lacks. It runs runF with the options parsed,
// runRequestScopes when runF is nil.
func newCmdRequestScopes(streams *iostreams.IOStreams, runF func(context.Context, *requestScopesOptions) error) *cobra.Command {
	opts := &requestScopesOptions{streams: streams}
	cmd := &cobra.Command{
		Use:   "request-scopes",
		Short: "Ask for scopes your partner account lacks",
		Long: `Ask flexslot for scopes or game scopes your partner account does not
have yet (POST /me/partner/scope-requests), with a justification of 10
to 2000 characters: what your app does with them. In a terminal it asks
for what the flags do not give. It prints the request's id, status and
message; --json prints the answer as JSON.

GET /me/partner lists the scopes your partner account has.`,
		Example: `flexslot-register request-scopes --scope exports:read \
  --justification "Players export their decks and sideboard guides to PDF."`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return cli.Usage(fmt.Errorf("request-scopes: unexpected argument %q", args[0]))
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRequestScopes(cmd.Context(), opts)
		},
	}
	cli.BindListFlag(cmd, api.FieldAllowedScopes, &opts.scopes, "A scope to ask for. Repeat for more.")
	fs := cmd.Flags()
	fs.StringArrayVar(&opts.gameScopes, "game-scope", nil, "A game scope to ask for (letters, digits, - and _). Repeat for more.")
	fs.StringVar(&opts.justification, "justification", "", "Why your app needs them, in 10 to 2000 characters.")
	bindAPIFlags(cmd, &opts.apiOptions)
	bindNoInput(cmd, &opts.noInput)
	bindAccessible(cmd, &opts.accessible)
	fs.BoolVar(&opts.json, "json", false, "Print the server's answer as JSON.")
	noFiles(cmd, "game-scope", "justification")
	return cmd
}

// runRequestScopes asks for scopes the partner account lacks and prints the
// answer: its id, status and message, or JSON with --json.
func runRequestScopes(ctx context.Context, opts *requestScopesOptions) error {
	if err := opts.check(); err != nil {
		return err
	}
	streams := opts.streams
	req := api.ScopeRequest{Justification: strings.TrimSpace(opts.justification), RequestedScopes: opts.scopes, RequestedGameScopes: opts.gameScopes}
	var client *api.Client
	if streams.Interactive() && !opts.noInput {
		// The token is checked for before anyone types a justification.
		var closeSandbox func()
		var err error
		if client, closeSandbox, err = opts.openClient(streams); err != nil {
			return err
		}
		defer closeSandbox()
		if err := askScopeRequest(&req, opts.accessible, streams); err != nil {
			return cli.Exit(cli.ExitCancelled, nil)
		}
	}
	if err := validate.RequestedScopes(req.RequestedScopes, req.RequestedGameScopes); err != nil {
		return cli.Usage(fmt.Errorf("--scope, --game-scope: %w", err))
	}
	// The reference page takes any string; a scope outside the catalogue
	// is a typo here.
	if err := validate.AllowedScopes(req.RequestedScopes); err != nil {
		return cli.Usage(fmt.Errorf("--scope: %w", err))
	}
	if err := validate.Justification(req.Justification); err != nil {
		return cli.Usage(fmt.Errorf("--justification: %w", err))
	}
	if client == nil {
		var closeSandbox func()
		var err error
		if client, closeSandbox, err = opts.openClient(streams); err != nil {
			return err
		}
		defer closeSandbox()
	}
	answer, err := client.RequestScopes(ctx, req)
	if err != nil {
		return errors.New(strings.Join(scopeRequestProblems(err), "\n"))
	}
	clean := answer.Sanitized()
	if opts.json {
		enc := json.NewEncoder(streams.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(clean)
	}
	_, err = fmt.Fprintf(streams.Out, "Scope request %s: %s\n%s\n", clean.ID, clean.Status, clean.Message)
	return err
}

// askScopeRequest asks in the terminal for what the flags did not give (see
// ui.ScopeRequestForm), as line prompts when accessible.
func askScopeRequest(req *api.ScopeRequest, accessible bool, streams *iostreams.IOStreams) error {
	form := ui.ScopeRequestForm(req)
	if form == nil {
		return nil
	}
	out := streams.Terminal()
	if accessible {
		// Plain text, as the wizard's line prompts: a screen reader would
		// read styled titles out as noise.
		out = &colorprofile.Writer{Forward: out, Profile: colorprofile.NoTTY}
	}
	err := form.WithAccessible(accessible).WithInput(streams.In).WithOutput(out).Run()
	req.Justification = strings.TrimSpace(req.Justification)
	return err
}

// scopeRequestProblems says why a scope request failed: the server's
// complaints naming the flags, or the failure with what to do.
func scopeRequestProblems(err error) []string {
	if !api.IsValidation(err) {
		return advice.Of(err).Lines()
	}
	flags := map[string]string{"justification": "--justification", "requested_scopes": "--scope", "requested_game_scopes": "--game-scope"}
	var lines []string
	for _, fe := range api.FieldErrorsOf(err) {
		where, ok := flags[fe.Field]
		if !ok {
			where = "server"
		}
		if fe.Index >= 0 {
			where += fmt.Sprintf(" (item %d)", fe.Index+1)
		}
		lines = append(lines, where+": "+validate.Sanitize(fe.Message))
	}
	return lines
}
