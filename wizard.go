package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/frontend/lines"
	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/internal/clipboard"
	"github.com/flexslot/flexslot-register/internal/iostreams"
	"github.com/flexslot/flexslot-register/ui"
)

// wizardConfig is the wizard's configuration from the options.
func wizardConfig(opts options, token string) flow.Config {
	return flow.Config{
		Token:          token,
		Connect:        func(token string) (flow.API, error) { return opts.connect(token) },
		Request:        opts.reg.Request,
		Given:          opts.reg.Given,
		SkipReview:     opts.yes,
		Clipboard:      clipboard.System(),
		OSC52:          os.Getenv("TERM") != "dumb",
		ClipboardClear: opts.clipboardClear,
		SavePath:       opts.secretFile,
		DraftPath:      cmp.Or(opts.draft, opts.from), // --draft, or a draft resumed offered back to its file
		IfExists:       flow.IfExists(opts.ifExists),
		BaseURL:        opts.apiURL,
		CheckLinks:     checkLinks(opts),
		LinksSkipped:   linksSkipped(opts),
		KeepToken:      opts.keepToken(),
	}
}

// checkLinks is the review's go-live check; none with --offline.
func checkLinks(opts options) func(context.Context, api.CreateClientRequest) golive.Report {
	if opts.offline {
		return nil
	}
	return goLive().Check
}

// goLive is the go-live check's checker: the system's resolver and trust
// roots. Tests put one in with a resolver of their own.
var goLive = func() *golive.Checker { return &golive.Checker{} }

// linksSkipped says on the review that --offline skips the go-live check.
func linksSkipped(opts options) string {
	if opts.offline {
		return "The links and hosts players will see were not checked (--offline)."
	}
	return ""
}

// runWizard runs the full-screen wizard, or the line prompts (asked for, or
// where the terminal cannot draw the wizard), with cfg, then prints the
// summary on stdout.
func runWizard(ctx context.Context, opts options, cfg flow.Config, streams *iostreams.IOStreams) error {
	var result flow.Result
	var runErr error
	if linePrompts(opts.accessible, os.Getenv("TERM")) {
		if !opts.accessible {
			fmt.Fprintln(streams.ErrOut, "flexslot-register: TERM=dumb cannot draw the wizard; asking line by line.")
		}
		result, runErr = runAccessible(ctx, cfg, streams)
	} else {
		model := ui.New(cfg)
		_, runErr = tea.NewProgram(model, tea.WithContext(ctx), tea.WithInput(streams.In), tea.WithOutput(streams.Terminal())).Run()
		result = model.Result()
	}
	return finish(ctx, opts, result, runErr, streams)
}

// linePrompts reports whether the wizard asks as line prompts: when asked
// (--accessible, ACCESSIBLE=1), and where the terminal cannot draw the full
// screen: TERM=dumb has no cursor movement and no alternate screen, and huh
// turns to its line prompts there too.
func linePrompts(accessible bool, term string) bool {
	return accessible || term == "dumb"
}

// finish prints what stays after the wizard (the summary; the secret with
// --print-secret; what a signal left behind) and maps the outcome to the
// exit code.
func finish(ctx context.Context, opts options, result flow.Result, runErr error, streams *iostreams.IOStreams) error {
	var failures []string
	if _, err := fmt.Fprint(streams.Out, result.SummaryAt(opts.apiURL)); err != nil {
		failures = append(failures, "could not write the summary to stdout: "+err.Error())
	}
	printed := false
	if opts.printSecret && result.Created != nil && result.Created.PlaintextClientSecret != "" && result.CredentialsValid() {
		if _, err := fmt.Fprintln(streams.Out, result.Created.PlaintextClientSecret.Reveal()); err != nil {
			failures = append(failures, "could not write the secret to stdout: "+err.Error())
		} else {
			printed = true
		}
	}
	if result.Created != nil && len(failures) > 0 {
		return unwritten(result, printed, failures)
	}
	if result.DraftSaved != "" {
		fmt.Fprintln(streams.ErrOut, advice.DraftKept(result.DraftSaved, opts.sandbox))
	}
	secretKept := result.Created == nil || result.Created.PlaintextClientSecret == "" || result.SavedTo != "" || result.Copied || printed
	if ctx.Err() != nil {
		if words := advice.Interrupted(result.ClientID(), secretKept, result.InFlight); words != "" {
			fmt.Fprintln(streams.ErrOut, "flexslot-register:", words)
		}
	}
	switch {
	case result.Created != nil && crashed(ctx, runErr):
		return cli.Exit(cli.ExitFailed, errors.New(advice.Crashed(result.ClientID(), secretKept)))
	case result.Created != nil && ctx.Err() != nil && !secretKept:
		// A signal ended the run before the secret was kept anywhere (said
		// above): the client exists, its secret is lost.
		return cli.Exit(cli.ExitFailed, nil)
	case result.Created != nil:
		// What the answer means is flow's to say, as for the scripted run: a
		// client whose secret never came, or whose credentials were shown
		// nowhere, is not a success, whatever the person did after.
		switch flow.Judge(result.Created, nil, false).Kind {
		case flow.CreatedWithoutSecret:
			return cli.Exit(cli.ExitFailed, errors.New(advice.SecretNotSent(result.ClientID())))
		case flow.NotCredential:
			return cli.Exit(cli.ExitFailed, errors.New(advice.NotCredential()))
		}
		return nil
	case result.Existing != nil && result.Existing.Kind != flow.ExistsRotate:
		// Stopped at a client of the request's name, as --if-exists said
		// (left before a rotation it said is a leave like any other).
		return existingEnding(*result.Existing, streams)
	case result.InFlight:
		// Stopped while a create was under way: it may exist (said above).
		return cli.Exit(cli.ExitFailed, nil)
	case ctx.Err() != nil && result.Refused == nil:
		return cli.Exit(cli.ExitCancelled, nil)
	case runErr != nil:
		return runErr
	case result.Outcome == flow.OutcomeFailed && result.ErrSaid:
		return cli.Exit(cli.ExitFailed, nil)
	case result.Outcome == flow.OutcomeFailed:
		return result.Err
	case result.Refused != nil:
		// Left after the server refused the request: refused, as the
		// scripted run ends there, not a cancel.
		return cli.Exit(cli.ExitFailed, fmt.Errorf("not registered: %s", strings.Join(advice.Of(result.Refused).Lines(), " ")))
	}
	return cli.Exit(cli.ExitCancelled, nil)
}

// existingEnding says what a run did with a client of its request's name,
// as --if-exists decided (flow.WhenExists), and ends with its code: the
// scripted run's words, on stderr.
func existingEnding(found flow.Exists, streams *iostreams.IOStreams) error {
	said, err := found.Ending("")
	for _, line := range said {
		fmt.Fprintln(streams.ErrOut, line)
	}
	return err
}

// crashed reports whether the front end stopped on an error of its own (a
// panic, recovered), rather than by its user or a signal.
func crashed(ctx context.Context, runErr error) bool {
	return runErr != nil && (errors.Is(runErr, tea.ErrProgramPanic) || errors.Is(runErr, errPanicked) || ctx.Err() == nil)
}

// errPanicked is the line prompts' panic, recovered: the run ends with what
// they had done and exit 1.
var errPanicked = errors.New("the line prompts stopped on an internal error")

// runAccessible runs the line prompts until they end or a signal comes. A
// prompt blocks in a read that no context can end, so on a signal the prompts
// are left where they are: what they had done is reported, and the process
// ends when main returns. Only ctrl+c while they ask for the answers is
// different, since there it is the way to leave that esc is in the
// full-screen wizard: the prompts offer to keep the answers, and a second
// ctrl+c leaves without.
//
// A panic in the prompts (they hold the secret once the client exists) is
// recovered: its value and stack go to stderr, and the run ends with what
// the prompts had done and errPanicked, so that the secret is accounted for
// and the exit is not 0.
func runAccessible(ctx context.Context, cfg flow.Config, streams *iostreams.IOStreams) (flow.Result, error) {
	prompts := lines.New(cfg, streams.In, streams.ErrOut, streams.Terminal())
	// A token prompt turns the terminal's echo off; a signal while it reads
	// must not leave it off.
	restore := keepTerminalState(streams.In)
	done := make(chan flow.Result, 1)
	panicked := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				panicked <- fmt.Sprintf("%v\n%s", r, debug.Stack())
			}
		}()
		done <- prompts.Run(ctx)
	}()
	select {
	case result := <-done:
		return result, nil
	case report := <-panicked:
		return prompts.Progress(), stoppedOnPanic(report, restore, streams)
	case <-ctx.Done():
	}
	if byInterrupt(ctx) {
		again := make(chan os.Signal, 1)
		signal.Notify(again, os.Interrupt)
		defer signal.Stop(again)
		if prompts.Interrupt() {
			select {
			case result := <-done:
				return result, nil
			case report := <-panicked:
				return prompts.Progress(), stoppedOnPanic(report, restore, streams)
			case <-again:
			}
		}
	}
	restore()
	fmt.Fprintln(streams.ErrOut, "\nflexslot-register: cancelled")
	return prompts.Progress(), nil
}

// stoppedOnPanic puts the terminal back, prints the panic's report (its value
// and stack) on stderr, and returns errPanicked.
func stoppedOnPanic(report string, restore func(), streams *iostreams.IOStreams) error {
	restore()
	fmt.Fprintf(streams.ErrOut, "\nflexslot-register: internal error: %s", report)
	return errPanicked
}

// keepTerminalState returns what puts in's terminal back as it is now;
// nothing where in is not a terminal.
func keepTerminalState(in io.Reader) (restore func()) {
	f, ok := in.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() {}
	}
	state, err := term.GetState(f.Fd())
	if err != nil {
		return func() {}
	}
	return func() { _ = term.Restore(f.Fd(), state) }
}

// unwritten ends a run whose client exists but whose last words to stdout
// failed: which client, what failed, and whether its secret is kept
// somewhere (saved, copied, printed) or only was on screen.
func unwritten(result flow.Result, printed bool, failures []string) error {
	id := result.ClientID()
	words := advice.CreatedBut(id, failures)
	if id != "" && result.Created.PlaintextClientSecret != "" && result.SavedTo == "" && !result.Copied && !printed {
		words += " Its secret was shown on screen only; if you did not keep it, " + advice.Rotate(id)
	}
	return cli.Exit(cli.ExitFailed, errors.New(words))
}
