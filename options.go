package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/cli/script"
	"github.com/flexslot/flexslot-register/ui"
)

// options is the command line, parsed and checked.
type options struct {
	sandbox, accessible, yes, noInput, dryRun, tokenStdin, json, printSecret, force, rotateIfCreated, offline bool
	apiURL, secretFile, ifExists, from, draft                                                                 string
	clipboardClear                                                                                            time.Duration
	// flagged is the registration the flags give; reg adds it over the
	// manifest's.
	flagged, reg cli.Registration
	// scopes are test-login's --scope, the scopes to ask, and
	// request-scopes' --scope, the scopes to ask the partner account for.
	scopes []string
	// gameScopes and justification are the rest of request-scopes.
	gameScopes    []string
	justification string
}

// defaultOptions are the options before the flags: what the environment says.
func defaultOptions() options {
	return options{apiURL: os.Getenv("FLEXSLOT_API_URL"), accessible: envOn("ACCESSIBLE"),
		clipboardClear: ui.DefaultClipboardClear, ifExists: script.IfExistsFail}
}

// bindCommon defines the flags the wizard and the commands share on cmd,
// each setting its field of opts. A command accepts them all (as it always
// has), and --help lists those in shown, or all of them without shown.
func bindCommon(cmd *cobra.Command, opts *options, shown ...string) {
	fs := pflag.NewFlagSet(cmd.Name(), pflag.ContinueOnError)
	fs.SortFlags = false // --help lists them in this order
	fs.BoolVar(&opts.sandbox, "sandbox", opts.sandbox, "Use an in-process sandbox API: try it with no account.")
	fs.StringVar(&opts.apiURL, "api-url", opts.apiURL, "The API's base URL (FLEXSLOT_API_URL; default https://api.flexslot.gg).")
	fs.BoolVar(&opts.tokenStdin, "token-stdin", opts.tokenStdin, "Read the token from the first line of stdin, "+
		"instead of FLEXSLOT_TOKEN. There is no --token flag: it would land in shell history and ps.")
	fs.BoolVar(&opts.yes, "yes", opts.yes, "Skip the review screen.")
	fs.BoolVar(&opts.noInput, "no-input", opts.noInput, "Never prompt; also when stdin or stdout is not a terminal.")
	fs.BoolVar(&opts.accessible, "accessible", opts.accessible, "Plain line prompts for screen readers (also ACCESSIBLE=1).")
	fs.DurationVar(&opts.clipboardClear, "clipboard-clear", opts.clipboardClear, "How long a copied secret may stay in the system clipboard.")
	fs.StringVar(&opts.secretFile, "secret-file", opts.secretFile, "Write FLEXSLOT_CLIENT_ID and FLEXSLOT_CLIENT_SECRET "+
		"to this file, mode 0600: created before anything is sent, never over a file unless --force.")
	fs.BoolVar(&opts.printSecret, "print-secret", opts.printSecret, "Print the secret on stdout, after the client id.")
	fs.BoolVar(&opts.json, "json", opts.json, "Print the client and its client_secret as JSON.")
	fs.BoolVar(&opts.force, "force", opts.force, "Let --secret-file replace a file that exists.")
	if len(shown) > 0 {
		fs.VisitAll(func(f *pflag.Flag) { f.Hidden = !slices.Contains(shown, f.Name) })
	}
	cmd.Flags().AddFlagSet(fs)
}

// checkCommon refuses common flags' values that cannot work.
func checkCommon(opts options) error {
	if _, err := api.ParseBaseURL(opts.apiURL); err != nil {
		return cli.Usage(err)
	}
	if opts.clipboardClear <= 0 {
		return cli.Usage(errors.New("--clipboard-clear must be a positive duration such as 45s"))
	}
	return nil
}

// readRegistration reads the manifest, then the flags that were set over it,
// into opts.reg, and refuses what cannot work before anything else happens.
func readRegistration(ctx context.Context, opts *options) error {
	if opts.from != "" {
		data, err := readManifest(ctx, opts.from)
		if err == nil {
			opts.reg.Request, opts.reg.Given, err = api.DecodeManifest(data)
		}
		switch {
		case ctx.Err() != nil:
			return cli.Exit(cli.ExitCancelled, fmt.Errorf("--from %s: cancelled while reading it", opts.from))
		case err != nil:
			return cli.Usage(fmt.Errorf("--from %s: %v", opts.from, err))
		}
	}
	opts.reg.Overlay(opts.flagged)
	if err := checkCommon(*opts); err != nil {
		return err
	}
	return cli.CheckGiven(opts.reg)
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
