package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/cli/script"
	"github.com/flexslot/flexslot-register/ui"
)

// options is the command line, parsed and checked.
type options struct {
	command     string
	commandArgs []string
	// done is set when the command line was answered already (--help, --version).
	done bool

	sandbox, accessible, yes, noInput, dryRun, tokenStdin, json, printSecret, force, rotateIfCreated bool
	apiURL, secretFile, ifExists                                                                     string
	clipboardClear                                                                                   time.Duration
	// reg is the registration the manifest and the flags give.
	reg cli.Registration
	// scopes are test-login's --scope, the scopes to ask.
	scopes []string
}

// parseOptions reads the flags, the manifest and the environment into one
// value, and refuses what cannot work before anything else happens.
func parseOptions(ctx context.Context, args []string, streams *iostreams.IOStreams) (options, error) {
	flags := flag.NewFlagSet("flexslot-register", flag.ContinueOnError)
	flags.SetOutput(streams.ErrOut)
	flags.Usage = func() { fmt.Fprint(streams.ErrOut, usageText()) }
	opts := options{apiURL: os.Getenv("FLEXSLOT_API_URL"), accessible: envOn("ACCESSIBLE"), clipboardClear: ui.DefaultClipboardClear}
	var flagged cli.Registration
	var from string
	showVersion := flags.Bool("version", false, "")
	bindCommon(flags, &opts)
	flags.BoolVar(&opts.dryRun, "dry-run", false, "")
	flags.BoolVar(&opts.rotateIfCreated, "rotate-if-created", false, "")
	flags.StringVar(&opts.ifExists, "if-exists", script.IfExistsFail, "")
	flags.StringVar(&from, "from", "", "")
	cli.BindFlags(flags, &flagged)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return options{done: true}, nil
		}
		return opts, cli.Exit(cli.ExitUsage, nil) // flag has said why
	}
	if *showVersion {
		fmt.Fprintln(streams.Out, versionLine())
		return options{done: true}, nil
	}
	if flags.NArg() > 0 {
		opts.command, opts.commandArgs = flags.Arg(0), flags.Args()[1:]
		return opts, nil
	}

	// The manifest first, then the flags that were set over it.
	if from != "" {
		data, err := readManifest(ctx, from)
		if err == nil {
			opts.reg.Request, opts.reg.Given, err = api.DecodeManifest(data)
		}
		switch {
		case ctx.Err() != nil:
			return opts, cli.Exit(cli.ExitCancelled, fmt.Errorf("--from %s: cancelled while reading it", from))
		case err != nil:
			return opts, cli.Usage(fmt.Errorf("--from %s: %v", from, err))
		}
	}
	opts.reg.Overlay(flagged)
	if _, err := api.ParseBaseURL(opts.apiURL); err != nil {
		return opts, cli.Usage(err)
	}
	if opts.clipboardClear <= 0 {
		return opts, cli.Usage(errors.New("--clipboard-clear must be a positive duration such as 45s"))
	}
	return opts, cli.CheckGiven(opts.reg)
}

// bindCommon defines the flags the wizard and the commands share, each
// defaulting to its value in opts, so that a flag given before a command
// (`--sandbox list`) holds after it too.
func bindCommon(fs *flag.FlagSet, opts *options) {
	fs.BoolVar(&opts.sandbox, "sandbox", opts.sandbox, "")
	fs.StringVar(&opts.apiURL, "api-url", opts.apiURL, "")
	fs.BoolVar(&opts.accessible, "accessible", opts.accessible, "")
	fs.DurationVar(&opts.clipboardClear, "clipboard-clear", opts.clipboardClear, "")
	fs.BoolVar(&opts.yes, "yes", opts.yes, "")
	fs.BoolVar(&opts.noInput, "no-input", opts.noInput, "")
	fs.BoolVar(&opts.tokenStdin, "token-stdin", opts.tokenStdin, "")
	fs.BoolVar(&opts.json, "json", opts.json, "")
	fs.BoolVar(&opts.printSecret, "print-secret", opts.printSecret, "")
	fs.BoolVar(&opts.force, "force", opts.force, "")
	fs.StringVar(&opts.secretFile, "secret-file", opts.secretFile, "")
}

// parseCommand parses a command's arguments, flags and positional ones in
// any order, over the options given before the command.
func parseCommand(name string, args []string, opts options, streams *iostreams.IOStreams) (options, []string, error) {
	fs := flag.NewFlagSet("flexslot-register "+name, flag.ContinueOnError)
	fs.SetOutput(streams.ErrOut)
	fs.Usage = func() { fmt.Fprint(streams.ErrOut, usageText()) }
	bindCommon(fs, &opts)
	if name == "test-login" {
		fs.Func("scope", "", func(v string) error { opts.scopes = append(opts.scopes, v); return nil })
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return options{done: true}, nil, nil
			}
			return opts, nil, cli.Exit(cli.ExitUsage, nil) // flag has said why
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if _, err := api.ParseBaseURL(opts.apiURL); err != nil {
		return opts, nil, cli.Usage(err)
	}
	return opts, positional, nil
}

// readManifest reads at most api.MaxManifestBytes of a manifest, and gives up
// when ctx ends: a FIFO nobody writes to, or a terminal, blocks in open and
// read, where no signal would reach; the reading is left behind then, and the
// process ends all the same.
func readManifest(ctx context.Context, path string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, api.MaxManifestBytes+1))
		if err == nil && len(data) > api.MaxManifestBytes {
			err = fmt.Errorf("the manifest is larger than %d KiB: is it the right file?", api.MaxManifestBytes>>10)
		}
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// tokenVar is the environment variable of the token.
const tokenVar = "FLEXSLOT_TOKEN"

// readToken returns the token: from stdin with --token-stdin, else
// FLEXSLOT_TOKEN (empty: the wizard asks). It takes the token out of the
// process's environment, so that no child (the clipboard tool, which
// outlives the run; git, which runs the repository's hooks and fsmonitor)
// inherits it.
func readToken(opts options, streams *iostreams.IOStreams) (string, error) {
	token := os.Getenv(tokenVar)
	os.Unsetenv(tokenVar)
	if !opts.tokenStdin {
		return token, nil
	}
	if streams.IsStdinTTY() {
		return "", cli.Usage(errors.New("--token-stdin reads the token from a pipe; in a terminal, leave it out and the wizard asks for the token (masked)"))
	}
	// Nothing else reads stdin in a scripted run: buffering is fine.
	line, err := bufio.NewReader(streams.In).ReadString('\n')
	if (err != nil && err != io.EOF) || strings.TrimSpace(line) == "" {
		return "", cli.Usage(errors.New("--token-stdin: no token on the first line of stdin"))
	}
	return strings.TrimSpace(line), nil
}

// envOn reads a yes/no environment variable such as ACCESSIBLE=1.
func envOn(name string) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}
