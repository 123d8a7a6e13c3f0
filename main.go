// Command flexslot-register registers an OAuth2 client with the flexslot.gg
// partner API through an interactive wizard. `flexslot-register sandbox` serves
// an in-process sandbox of that API on loopback, for trying the tool and for
// partners' own tests; --sandbox runs the wizard against one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"flexslot-register/api"
	"flexslot-register/api/sandbox"
	"flexslot-register/ui"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; a
// `go install` of a tagged module reports its module version instead.
var version = "dev"

// Exit codes, the same for every front end.
const (
	exitOK        = 0
	exitFailed    = 1
	exitUsage     = 2
	exitCancelled = 130
)

const usageText = `flexslot-register registers an OAuth2 client for the flexslot.gg partner API.

Usage:
  flexslot-register [--sandbox] [--api-url URL]       run the wizard
  flexslot-register sandbox [--addr 127.0.0.1:8080]   serve the sandbox API on loopback
  flexslot-register --version | --help

Flags:
  --sandbox              run against an in-process sandbox API: try it with no account
  --api-url URL          the API to use (default https://api.flexslot.gg; FLEXSLOT_API_URL)
  --accessible           plain line prompts for screen readers (also ACCESSIBLE=1)
  --clipboard-clear 45s  how long a copied secret may stay in the system clipboard
  --version              print the version

Environment:
  FLEXSLOT_TOKEN    your personal access token; asked for (masked) when unset
  FLEXSLOT_API_URL  the API to use, as --api-url

Commands:
  sandbox   Serve an in-process flexslot partner API with the documented endpoints,
            validation and errors, on a loopback address. It prints its base URL and
            a ready token on stderr. Application names such as sandbox:429 or
            sandbox:502-html make it fail on purpose (see README.md).

The wizard draws on stderr; stdout gets only the summary of what was registered
(never the secret).

Exit codes:
  0  registered    1  failed    2  usage error    130  cancelled
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses the command line and runs the chosen command: data goes to stdout,
// everything meant for a person to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("flexslot-register", flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() { fmt.Fprint(stderr, usageText) }
	showVersion := flags.Bool("version", false, "print the version and exit")
	useSandbox := flags.Bool("sandbox", false, "run against an in-process sandbox API")
	apiURL := flags.String("api-url", os.Getenv("FLEXSLOT_API_URL"), "the API base URL")
	accessible := flags.Bool("accessible", envOn("ACCESSIBLE"), "plain line prompts for screen readers")
	clipboardClear := flags.Duration("clipboard-clear", ui.DefaultClipboardClear, "how long a copied secret stays in the clipboard")
	if err := flags.Parse(args); err != nil {
		return parseExit(err)
	}
	if *showVersion {
		fmt.Fprintln(stdout, "flexslot-register", buildVersion())
		return exitOK
	}
	switch flags.Arg(0) {
	case "sandbox":
		return runSandbox(ctx, flags.Args()[1:], stderr)
	case "":
		return runWizard(ctx, wizardOptions{
			sandbox:        *useSandbox,
			apiURL:         *apiURL,
			token:          os.Getenv("FLEXSLOT_TOKEN"),
			accessible:     *accessible,
			clipboardClear: *clipboardClear,
		}, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "flexslot-register: unknown command %q\n\n%s", flags.Arg(0), usageText)
		return exitUsage
	}
}

func runSandbox(ctx context.Context, args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("flexslot-register sandbox", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", sandbox.DefaultAddr, "loopback `address` to listen on (port 0 picks a free one)")
	flags.Usage = func() {
		fmt.Fprint(stderr, "Usage: flexslot-register sandbox [--addr 127.0.0.1:8080]\n\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return parseExit(err)
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "flexslot-register sandbox: unexpected argument %q\n", flags.Arg(0))
		return exitUsage
	}
	running, err := sandbox.Start(*addr, sandbox.Config{})
	if err != nil {
		fmt.Fprintln(stderr, "flexslot-register:", err)
		return exitFailed
	}
	fmt.Fprintf(stderr, `flexslot sandbox API serving on %s (Ctrl+C to stop)

  export FLEXSLOT_API_URL=%s
  sandbox token: %s

The token works only with this sandbox, until it stops. Clients live in memory.
`, running.URL, running.URL, running.Token())

	select {
	case <-ctx.Done():
		running.Close()
		fmt.Fprintln(stderr, "sandbox stopped")
		return exitOK
	case <-waitErr(running):
		fmt.Fprintln(stderr, "flexslot-register: sandbox stopped:", running.Wait())
		return exitFailed
	}
}

// waitErr turns Running.Wait into a channel for select.
func waitErr(r *sandbox.Running) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- r.Wait() }()
	return ch
}

// parseExit maps a flag parsing error to an exit code: --help is a success.
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// buildVersion is the -ldflags version, else the module version of a
// `go install`, else "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// wizardOptions is what the command line says about the wizard.
type wizardOptions struct {
	sandbox        bool
	apiURL         string
	token          string
	accessible     bool
	clipboardClear time.Duration
}

// envOn reads a yes/no environment variable such as ACCESSIBLE=1.
func envOn(name string) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// runWizard runs the interactive wizard on the terminal (drawn on stderr) and
// prints the summary on stdout.
func runWizard(ctx context.Context, opts wizardOptions, stdout, stderr io.Writer) int {
	if _, err := api.ParseBaseURL(opts.apiURL); err != nil {
		fmt.Fprintln(stderr, "flexslot-register:", err)
		return exitUsage
	}
	if opts.clipboardClear <= 0 {
		fmt.Fprintln(stderr, "flexslot-register: --clipboard-clear must be a positive duration such as 45s")
		return exitUsage
	}
	if !opts.accessible && (!term.IsTerminal(os.Stdin.Fd()) || !term.IsTerminal(os.Stderr.Fd())) {
		fmt.Fprint(stderr, "flexslot-register: the wizard needs a terminal (stdin and stderr).\n\n"+usageText)
		return exitUsage
	}
	if opts.sandbox {
		running, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
		if err != nil {
			fmt.Fprintln(stderr, "flexslot-register:", err)
			return exitFailed
		}
		defer running.Close()
		opts.apiURL, opts.token = running.URL, running.Token()
	}
	cfg := ui.Config{
		Token: opts.token,
		Connect: func(token string) (ui.API, error) {
			return api.New(opts.apiURL, token, api.WithVersion(buildVersion()))
		},
		Clipboard:      ui.SystemClipboard(),
		OSC52:          os.Getenv("TERM") != "dumb",
		ClipboardClear: opts.clipboardClear,
	}
	var result ui.Result
	var err error
	if opts.accessible {
		// Line prompts block in a read that no context can end: ctrl+c (or
		// SIGTERM) ends the process. Any secret was printed before the next
		// prompt, so nothing is lost.
		finished := make(chan struct{})
		defer close(finished)
		go func() {
			select {
			case <-ctx.Done():
				fmt.Fprintln(stderr, "\nflexslot-register: cancelled")
				os.Exit(exitCancelled)
			case <-finished:
			}
		}()
		result = ui.RunAccessible(ctx, cfg, os.Stdin, stderr)
	} else {
		model := ui.New(cfg)
		_, err = tea.NewProgram(model, tea.WithContext(ctx), tea.WithOutput(os.Stderr)).Run()
		result = model.Result()
	}
	fmt.Fprint(stdout, result.Summary())
	switch {
	case err != nil && result.Created == nil:
		fmt.Fprintln(stderr, "flexslot-register:", err)
		return exitFailed
	case result.Created != nil:
		return exitOK
	case result.Outcome == ui.OutcomeFailed:
		fmt.Fprintln(stderr, "flexslot-register:", result.Err)
		return exitFailed
	}
	return exitCancelled
}
