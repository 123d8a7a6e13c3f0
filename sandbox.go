package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// runSandbox serves the sandbox API on addr until the context ends.
func runSandbox(ctx context.Context, addr string, partnerScopes []string, args []string, streams *iostreams.IOStreams) error {
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("sandbox: unexpected argument %q", args[0]))
	}
	if err := validate.AllowedScopes(partnerScopes); err != nil {
		return cli.Usage(fmt.Errorf("--partner-scope: %w", err))
	}
	running, err := sandbox.Start(addr, sandbox.Config{PartnerScopes: partnerScopes})
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, `flexslot sandbox API serving on %s (Ctrl+C to stop)

  export FLEXSLOT_API_URL=%s
  sandbox token: %s

The token works only with this sandbox, until it stops. Clients live in memory.
`, running.URL, running.URL, running.Token())
	if partnerScopes != nil {
		fmt.Fprintf(streams.ErrOut, "The partner account has only %s: clients that ask for another scope are refused;\n`flexslot-register request-scopes` asks for it.\n",
			strings.Join(partnerScopes, ", "))
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
