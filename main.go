// Command flexslot-register registers an OAuth2 client with the flexslot.gg
// partner API through an interactive wizard. `flexslot-register sandbox` serves
// an in-process sandbox of that API on loopback, for trying the tool and for
// partners' own tests; --sandbox runs the wizard against one.
//
// This file parses the command line, picks the front end and maps the outcome
// to the exit code; the rest lives in files named after what it does.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/iostreams"
)

func main() {
	// SIGHUP too: a closed terminal must not kill the wizard before it has said
	// what became of a client it created.
	ctx, stop := signalContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	ignoreFatalWriteSignals()
	code := run(ctx, os.Args[1:], iostreams.System())
	stop()
	os.Exit(code)
}

// run runs the command line and returns the exit code. Every error that
// carries no code of its own is a failure (1); one that has a message not yet
// printed is printed here. A panic that reaches it is a failure too, never
// Go's exit 2 with a bare trace: the front ends that hold a secret have said
// what became of it before it gets here.
func run(ctx context.Context, args []string, streams *iostreams.IOStreams) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprint(streams.ErrOut, "flexslot-register: "+cli.PanicReport(r))
			code = cli.ExitFailed
		}
	}()
	// Help, completions and the version: styled in a terminal; elsewhere
	// plain, without the spaces that pad fang's lines to its width, and
	// with the tabs that separate a completion from its description.
	out := streams.StyledOut()
	if !streams.IsStdoutTTY() {
		var plain bytes.Buffer
		out = &plain
		defer func() { fmt.Fprint(streams.TableOut(), trimLines(plain.String())) }()
	}
	root := newCommand(streams, out)
	root.SetArgs(args)
	// What a command returns is kept from fang, whose error handler asks
	// the terminal for its background colour first (up to seconds where it
	// does not answer, after the wizard has given the terminal back): only
	// cobra's own usage errors go that way.
	var failed error
	eachCommand(root, func(c *cobra.Command) {
		if runE := c.RunE; runE != nil {
			c.RunE = func(cmd *cobra.Command, args []string) error {
				failed = runE(cmd, args)
				return nil
			}
		}
	})
	err := fang.Execute(ctx, root, fang.WithoutVersion(), fang.WithoutManpage(), fang.WithErrorHandler(
		func(w io.Writer, _ fang.Styles, err error) { report(w, err) }))
	if err == nil && failed != nil {
		err = failed
		report(streams.ErrOut, err)
	}
	return cli.CodeOf(err)
}

// newCommand is the command line: the registration at the top (register.go),
// a command a file below it, each with its own flags only. Help, the version
// and the completion scripts go to out.
func newCommand(streams *iostreams.IOStreams, out io.Writer) *cobra.Command {
	root := newCmdRegister(streams, nil)
	root.SetIn(streams.In)
	root.SetOut(out) // before the completion command, which keeps it
	root.SetErr(streams.ErrOut)
	root.AddCommand(newCmdList(streams, nil), newCmdRotate(streams, nil), newCmdTestLogin(streams, nil),
		newCmdRequestScopes(streams, nil), newCmdCheck(streams, nil), newCmdSandbox(streams), newCmdMan(),
		newCmdLogin(streams, nil), newCmdLogout(streams, nil), newCmdStatus(streams, nil))
	root.InitDefaultCompletionCmd()
	root.SuggestionsMinimumDistance = 2
	eachCommand(root, func(c *cobra.Command) {
		if c.Name() == "completion" {
			describeCompletion(c)
		}
		c.Flags().SortFlags = false
		cli.WrapUsages(c)
		c.SetFlagErrorFunc(cli.FlagError)
	})
	root.SetVersionTemplate("{{.Version}}\n")
	return root
}

// eachCommand calls f with c and every command below it.
func eachCommand(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		eachCommand(sub, f)
	}
}

// report prints err, unless it is an exit code whose message is printed
// already.
func report(w io.Writer, err error) {
	var exit *cli.ExitError
	if !errors.As(err, &exit) || exit.Err != nil {
		fmt.Fprintln(w, "flexslot-register:", err)
	}
}

// trimLines removes the spaces at the ends of the lines of text.
func trimLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = strings.TrimRight(line, " ")
	}
	return strings.Join(lines, "\n")
}
