// Command flexslot-register registers an OAuth2 client with the flexslot.gg
// partner API through an interactive wizard. `flexslot-register sandbox` serves
// an in-process sandbox of that API on loopback, for trying the tool and for
// partners' own tests; --sandbox runs the wizard against one.
//
// This file parses the command line, picks the front end and maps the outcome
// to the exit code; the rest lives in files named after what it does.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/cli/script"
)

func main() {
	// SIGHUP too: a closed terminal must not kill the wizard before it has said
	// what became of a client it created.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	ignoreFatalWriteSignals()
	code := run(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}

// run runs the command line and returns the exit code. Every error that
// carries no code of its own is a failure (1); one that has a message not yet
// printed is printed here.
func run(ctx context.Context, args []string, streams *iostreams.IOStreams) int {
	err := dispatch(ctx, args, streams)
	var exit *cli.ExitError
	if err != nil && (!errors.As(err, &exit) || exit.Err != nil) {
		fmt.Fprintln(streams.ErrOut, "flexslot-register:", err)
	}
	return cli.CodeOf(err)
}

// dispatch picks what to run: a command, a dry run, the scripted run or the
// wizard.
func dispatch(ctx context.Context, args []string, streams *iostreams.IOStreams) error {
	opts, err := parseOptions(ctx, args, streams)
	if err != nil || opts.done {
		return err
	}
	switch opts.command {
	case "sandbox":
		return runSandbox(ctx, opts.commandArgs, streams)
	case "list":
		return runList(ctx, opts, streams)
	case "rotate":
		return runRotate(ctx, opts, streams)
	case "test-login":
		return runTestLogin(ctx, opts, streams)
	case "":
	default:
		fmt.Fprint(streams.ErrOut, usageText())
		return cli.Usage(fmt.Errorf("unknown command %q", opts.command))
	}
	if opts.dryRun {
		return script.DryRun(opts.reg.Request, opts.apiURL, streams)
	}
	token, closeSandbox, err := openAPI(&opts, streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	if opts.noInput || opts.json || !streams.Interactive() {
		return script.Run(ctx, script.Options{
			Request: opts.reg.Request, Token: token, JSON: opts.json, PrintSecret: opts.printSecret,
			SecretFile: opts.secretFile, Force: opts.force,
			Connect:         func(token string) (script.API, error) { return opts.connect(token) },
			RotateIfCreated: opts.rotateIfCreated,
			IfExists:        opts.ifExists,
		}, streams)
	}
	return runWizard(ctx, opts, wizardConfig(opts, token), streams)
}
