package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
)

// runSandbox serves the sandbox API until the context ends.
func runSandbox(ctx context.Context, args []string, streams *iostreams.IOStreams) error {
	flags := flag.NewFlagSet("flexslot-register sandbox", flag.ContinueOnError)
	flags.SetOutput(streams.ErrOut)
	addr := flags.String("addr", sandbox.DefaultAddr, "loopback `address` to listen on (port 0 picks a free one)")
	flags.Usage = func() {
		fmt.Fprint(streams.ErrOut, "Usage: flexslot-register sandbox [--addr 127.0.0.1:8080]\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return cli.Exit(cli.ExitUsage, nil)
	}
	if flags.NArg() > 0 {
		return cli.Usage(fmt.Errorf("sandbox: unexpected argument %q", flags.Arg(0)))
	}
	running, err := sandbox.Start(*addr, sandbox.Config{})
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
