package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// triggerList is the sandbox's triggers, a name and its answer a line, for
// the sandbox command's help.
func triggerList() string {
	var b strings.Builder
	width := 0
	for _, trig := range sandbox.Triggers() {
		width = max(width, len(trig.Name))
	}
	room := max(72-width-4, 30) // the help's other paragraphs are 72 wide
	for _, trig := range sandbox.Triggers() {
		name := trig.Name
		for _, line := range cli.Lines(trig.Answer, room) {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, name, line)
			name = ""
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// newCmdSandbox is sandbox, which serves the sandbox API on loopback.
func newCmdSandbox(streams *iostreams.IOStreams) *cobra.Command {
	var addr string
	var partnerScopes []string
	var dpop dpopFlags
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the sandbox API on loopback",
		Long: `Serve an in-process flexslot partner API with the documented
endpoints, validation and errors, on a loopback address, until Ctrl+C.
It prints its base URL and a ready token on stderr.

Its partner, token and clients are kept in a state file, which the
in-process sandbox of every other command shares
(` + "`" + `$XDG_STATE_HOME/flexslot-register/sandbox.json` + "`" + `, or
` + sandbox.StateEnv + `; ` + sandbox.StateEnv + `=` + sandbox.StateOff + ` keeps them in memory).
` + "`" + `flexslot-register sandbox reset` + "`" + ` starts afresh: it forgets every client,
secret, issued token and scope request, and keeps the token, so a .env that
holds it keeps working (remove the file for a new one). A sandbox running
meanwhile sees the change at its next request.

These application names make a create fail on purpose:

` + triggerList(),
		Example: `flexslot-register sandbox --addr 127.0.0.1:8080
flexslot-register sandbox reset`,
		ValidArgs: []string{resetArg},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && args[0] == resetArg {
				switch {
				case len(args) > 1:
					return cli.Usage(fmt.Errorf("sandbox reset: unexpected argument %q", args[1]))
				case cmd.Flags().NFlag() > 0:
					return cli.Usage(errors.New("sandbox reset takes no flags"))
				}
				return runSandboxReset(streams)
			}
			cfg := sandboxConfig(streams)
			cfg.PartnerScopes = partnerScopes
			return runSandbox(cmd.Context(), addr, dpop.config(cfg), args, streams)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", sandbox.DefaultAddr, ("The loopback address to listen on (port 0 picks a free one)."))
	cmd.Flags().StringArrayVar(&partnerScopes, "partner-scope", nil, "A scope the sandbox's partner account has; "+
		"without it, every scope. Clients that ask for another are refused. Repeat for more.")
	bindDPoPFlags(cmd, &dpop)
	noFiles(cmd, "addr", "partner-scope")
	return cmd
}

// sandboxConfig is the sandbox of `sandbox` and of --sandbox runs: the
// one whose state every such run shares (sandbox.StatePath), with what
// becomes of that state said on stderr.
func sandboxConfig(streams *iostreams.IOStreams) sandbox.Config {
	path, err := sandbox.StatePath()
	if err != nil {
		fmt.Fprintf(streams.ErrOut, "flexslot sandbox: no state directory (%v): this sandbox keeps nothing after it stops.\n", err)
	}
	return sandbox.Config{StatePath: path, Notices: streams.ErrOut}
}

// resetArg is the argument of `sandbox reset`. An argument rather than a
// command of its own: the sandbox command's usage stays one line.
const resetArg = "reset"

// runSandboxReset empties the shared sandbox's state file.
func runSandboxReset(streams *iostreams.IOStreams) error {
	path, err := sandbox.StatePath()
	switch {
	case err != nil:
		return fmt.Errorf("sandbox reset: no state directory: %w", err)
	case path == "":
		return cli.Usage(fmt.Errorf("sandbox reset: %s=%s: the sandbox keeps nothing to reset", sandbox.StateEnv, sandbox.StateOff))
	}
	if err := sandbox.Reset(path, streams.ErrOut); err != nil {
		return fmt.Errorf("sandbox reset: %w", err)
	}
	fmt.Fprintf(streams.ErrOut, "The sandbox starts afresh: no client, secret, issued token or scope request is left in %s.\nIts token stays the same.\n", path)
	return nil
}

// runSandbox serves the sandbox API of cfg on addr until the context ends.
func runSandbox(ctx context.Context, addr string, cfg sandbox.Config, args []string, streams *iostreams.IOStreams) error {
	partnerScopes := cfg.PartnerScopes
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("sandbox: unexpected argument %q", args[0]))
	}
	if err := validate.AllowedScopes(partnerScopes); err != nil {
		return cli.Usage(fmt.Errorf("--partner-scope: %w", err))
	}
	running, err := sandbox.Start(addr, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, `flexslot sandbox API serving on %s (Ctrl+C to stop)

  export FLEXSLOT_API_URL=%s
  sandbox token: %s

`, running.URL, running.URL, running.Token())
	if cfg.StatePath != "" && running.Remembers() {
		fmt.Fprintf(streams.ErrOut, "The token works only with this sandbox, and stays from run to run. Clients are kept in\n%s, shared with every --sandbox run; `flexslot-register sandbox reset` starts afresh.\n", cfg.StatePath)
	} else {
		fmt.Fprintln(streams.ErrOut, "The token works only with this sandbox, until it stops. Clients live in memory.")
	}
	if partnerScopes != nil {
		fmt.Fprintf(streams.ErrOut, "The partner account has only %s: clients that ask for another scope are refused;\n`flexslot-register request-scopes` asks for it.\n",
			strings.Join(partnerScopes, ", "))
	}

	if cfg.DPoPBound {
		fmt.Fprintln(streams.ErrOut, "Every client it registers is DPoP-bound (dpop_bound_access_tokens): its tokens need DPoP proofs (RFC 9449).")
	}
	if cfg.DPoPNonce {
		fmt.Fprintln(streams.ErrOut, "The token endpoint asks for a DPoP nonce of its own in each proof (use_dpop_nonce, DPoP-Nonce).")
	}

	stopped := make(chan error, 1)
	go func() { stopped <- running.Wait() }()
	select {
	case <-ctx.Done():
		running.Close()
		fmt.Fprintln(streams.ErrOut, "sandbox stopped")
		return nil
	case err := <-stopped:
		return fmt.Errorf("sandbox stopped: %w", err)
	}
}
