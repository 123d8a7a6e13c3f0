package main

import (
	"context"
	"fmt"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
)

// runSandbox serves the sandbox API on addr until the context ends.
func runSandbox(ctx context.Context, addr string, args []string, streams *iostreams.IOStreams) error {
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("sandbox: unexpected argument %q", args[0]))
	}
	running, err := sandbox.Start(addr, sandbox.Config{})
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.ErrOut, `flexslot sandbox API serving on %s (Ctrl+C to stop)

  export FLEXSLOT_API_URL=%s
  sandbox token: %s

The token works only with this sandbox, until it stops. Clients live in memory.
`, running.URL, running.URL, running.Token())

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
