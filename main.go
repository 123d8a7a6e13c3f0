// Command flexslot-register registers an OAuth2 client with the flexslot.gg
// partner API through an interactive wizard. `flexslot-register sandbox` serves
// an in-process sandbox of that API on loopback, for trying the tool and for
// partners' own tests; --sandbox runs the wizard against one.
package main

import (
	"bufio"
	"context"
	"encoding/json"
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
	"flexslot-register/validate"
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
  flexslot-register [flags]                           the wizard (or scripted, see below)
  flexslot-register sandbox [--addr 127.0.0.1:8080]   serve the sandbox API on loopback
  flexslot-register --version | --help

What to register (the wizard asks only for what these do not give):
  --name NAME             application name, shown to players when they sign in
  --client-type TYPE      confidential (default) or public
  --redirect-uri URI      a redirect URI; repeat for more
  --scope SCOPE           a scope (cards:read, decks:read, decks:write, exports:read,
                          guides:read, guides:write, sideboards:read, sideboards:write); repeat
  --grant-type GRANT      authorization_code or refresh_token; repeat (default both)
  --app-url, --logo-url, --privacy-url, --tos-url URL    optional links
  --from FILE             a JSON manifest with the request's field names; flags override it

How:
  --sandbox               use an in-process sandbox API: try it with no account
  --api-url URL           the API (default https://api.flexslot.gg; FLEXSLOT_API_URL)
  --yes                   skip the review screen
  --no-input              never prompt; also when stdin or stdout is not a terminal
  --dry-run               check everything, print the request and its curl; send nothing
  --accessible            plain line prompts for screen readers (also ACCESSIBLE=1)
  --clipboard-clear 45s   how long a copied secret may stay in the system clipboard
  --version               print the version

The token:
  FLEXSLOT_TOKEN          your personal access token (the wizard asks, masked, if unset)
  --token-stdin           read the token from the first line of stdin (there is no
                          --token flag: it would land in shell history and ps)

Where the secret goes without a terminal (one is required for a confidential client):
  --secret-file PATH      write FLEXSLOT_CLIENT_ID and FLEXSLOT_CLIENT_SECRET there, mode
                          0600; created before anything is sent; never over a file
                          unless --force
  --print-secret          print the secret on stdout, after the client id
  --json                  print the created client and its client_secret as JSON

Output: data on stdout (the client id, the JSON, or the wizard's summary); everything
else on stderr. The wizard shows the secret on the alternate screen only.

Exit codes:
  0    registered (or --dry-run passed)
  1    failed: refused by the server, network, ...
  2    usage error: a bad or missing value, nothing was sent
  130  cancelled

Examples:
  # Try it, no account needed
  flexslot-register --sandbox

  # In CI, with FLEXSLOT_TOKEN from the CI's secret store
  flexslot-register --no-input --name "Deck Tracker" \
    --redirect-uri https://decktracker.example/oauth/callback \
    --scope decks:read --secret-file ./flexslot-client.env

  # From a manifest kept in the repository, machine-readable output
  flexslot-register --from flexslot-client.json --json > registered.json

  # What would be sent
  flexslot-register --from flexslot-client.json --dry-run

Commands:
  sandbox   Serve an in-process flexslot partner API with the documented endpoints,
            validation and errors, on a loopback address. It prints its base URL and a
            ready token on stderr. Application names such as sandbox:429 or
            sandbox:502-html make it fail on purpose (see README.md).
`

// streams is where the program reads and writes, and whether a person is
// there to answer: stdin, stdout and stderr all terminals.
type streams struct {
	in          io.Reader
	out, err    io.Writer
	interactive bool
	inTerminal  bool
}

func main() {
	// SIGHUP too: a closed terminal must not kill the wizard before it has said
	// what became of a client it created.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	inTerminal := term.IsTerminal(os.Stdin.Fd())
	std := streams{
		in: os.Stdin, out: os.Stdout, err: os.Stderr,
		inTerminal:  inTerminal,
		interactive: inTerminal && term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stderr.Fd()),
	}
	code := run(ctx, os.Args[1:], std)
	stop()
	os.Exit(code)
}

// stringList is a flag that may be repeated.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// fieldFlags names the flag of each request field, for messages.
var fieldFlags = map[string]string{
	api.FieldApplicationName:    "--name",
	api.FieldClientType:         "--client-type",
	api.FieldRedirectURIs:       "--redirect-uri",
	api.FieldAllowedScopes:      "--scope",
	api.FieldGrantTypes:         "--grant-type",
	api.FieldApplicationURL:     "--app-url",
	api.FieldApplicationLogoURL: "--logo-url",
	api.FieldPrivacyPolicyURL:   "--privacy-url",
	api.FieldTOSURL:             "--tos-url",
}

// options is the command line, parsed.
type options struct {
	sandbox, accessible, yes, noInput, dryRun, tokenStdin, json, printSecret, force bool
	apiURL, from, secretFile                                                        string
	clipboardClear                                                                  time.Duration
	// req is the registration the flags and the manifest give; given names
	// the fields they gave.
	req   api.CreateClientRequest
	given map[string]bool
}

// run parses the command line and runs the chosen command.
func run(ctx context.Context, args []string, std streams) int {
	flags := flag.NewFlagSet("flexslot-register", flag.ContinueOnError)
	flags.SetOutput(std.err)
	flags.Usage = func() { fmt.Fprint(std.err, usageText) }
	var opts options
	showVersion := flags.Bool("version", false, "")
	flags.BoolVar(&opts.sandbox, "sandbox", false, "")
	flags.StringVar(&opts.apiURL, "api-url", os.Getenv("FLEXSLOT_API_URL"), "")
	flags.BoolVar(&opts.accessible, "accessible", envOn("ACCESSIBLE"), "")
	flags.DurationVar(&opts.clipboardClear, "clipboard-clear", ui.DefaultClipboardClear, "")
	flags.BoolVar(&opts.yes, "yes", false, "")
	flags.BoolVar(&opts.noInput, "no-input", false, "")
	flags.BoolVar(&opts.dryRun, "dry-run", false, "")
	flags.BoolVar(&opts.tokenStdin, "token-stdin", false, "")
	flags.BoolVar(&opts.json, "json", false, "")
	flags.BoolVar(&opts.printSecret, "print-secret", false, "")
	flags.BoolVar(&opts.force, "force", false, "")
	flags.StringVar(&opts.secretFile, "secret-file", "", "")
	flags.StringVar(&opts.from, "from", "", "")
	var (
		name, clientType, appURL, logoURL, privacyURL, tosURL string
		redirects, scopes, grants                             stringList
	)
	flags.StringVar(&name, "name", "", "")
	flags.StringVar(&clientType, "client-type", "", "")
	flags.Var(&redirects, "redirect-uri", "")
	flags.Var(&scopes, "scope", "")
	flags.Var(&grants, "grant-type", "")
	flags.StringVar(&appURL, "app-url", "", "")
	flags.StringVar(&logoURL, "logo-url", "", "")
	flags.StringVar(&privacyURL, "privacy-url", "", "")
	flags.StringVar(&tosURL, "tos-url", "", "")
	if err := flags.Parse(args); err != nil {
		return parseExit(err)
	}
	if *showVersion {
		fmt.Fprintln(std.out, "flexslot-register", buildVersion())
		return exitOK
	}
	switch flags.Arg(0) {
	case "sandbox":
		return runSandbox(ctx, flags.Args()[1:], std.err)
	case "":
	default:
		fmt.Fprintf(std.err, "flexslot-register: unknown command %q\n\n%s", flags.Arg(0), usageText)
		return exitUsage
	}

	// The manifest first, then the flags that were set over it.
	opts.given = map[string]bool{}
	if opts.from != "" {
		data, err := os.ReadFile(opts.from)
		if err == nil {
			opts.req, opts.given, err = api.DecodeManifest(data)
		}
		if err != nil {
			fmt.Fprintf(std.err, "flexslot-register: --from %s: %v\n", opts.from, err)
			return exitUsage
		}
	}
	set := func(field string, apply func()) {
		apply()
		opts.given[field] = true
	}
	flags.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			set(api.FieldApplicationName, func() { opts.req.ApplicationName = name })
		case "client-type":
			set(api.FieldClientType, func() { opts.req.ClientType = clientType })
		case "redirect-uri":
			set(api.FieldRedirectURIs, func() { opts.req.RedirectURIs = redirects })
		case "scope":
			set(api.FieldAllowedScopes, func() { opts.req.AllowedScopes = scopes })
		case "grant-type":
			set(api.FieldGrantTypes, func() { opts.req.GrantTypes = grants })
		case "app-url":
			set(api.FieldApplicationURL, func() { opts.req.ApplicationURL = appURL })
		case "logo-url":
			set(api.FieldApplicationLogoURL, func() { opts.req.ApplicationLogoURL = logoURL })
		case "privacy-url":
			set(api.FieldPrivacyPolicyURL, func() { opts.req.PrivacyPolicyURL = privacyURL })
		case "tos-url":
			set(api.FieldTOSURL, func() { opts.req.TOSURL = tosURL })
		}
	})
	return register(ctx, opts, std)
}

// flagOf names the flag a field error is about: "--redirect-uri #2
// (https://…)" for a list item. Fields no flag sets give "".
func flagOf(req api.CreateClientRequest) func(api.FieldError) string {
	return func(fe api.FieldError) string {
		name := fieldFlags[fe.Field]
		if name == "" || fe.Index < 0 {
			return name
		}
		values := req.AllowedScopes
		switch fe.Field {
		case api.FieldRedirectURIs:
			values = req.RedirectURIs
		case api.FieldGrantTypes:
			values = req.GrantTypes
		}
		if fe.Index < len(values) {
			return fmt.Sprintf("%s #%d (%s)", name, fe.Index+1, values[fe.Index])
		}
		return fmt.Sprintf("%s #%d", name, fe.Index+1)
	}
}

// checkGiven validates what the flags and the manifest gave, with the form's
// own messages, and prints every problem; false means exit 2.
func checkGiven(opts options, stderr io.Writer) bool {
	name := flagOf(opts.req)
	ok := true
	for _, fe := range opts.req.Validate() {
		if !opts.given[fe.Field] {
			continue
		}
		fmt.Fprintf(stderr, "flexslot-register: %s: %s\n", name(fe), fe.Message)
		ok = false
	}
	return ok
}

// missingFlags lists the required values nobody gave, as flags.
func missingFlags(opts options) []string {
	var missing []string
	if strings.TrimSpace(opts.req.ApplicationName) == "" {
		missing = append(missing, "--name")
	}
	if len(opts.req.RedirectURIs) == 0 {
		missing = append(missing, "--redirect-uri")
	}
	return missing
}

// register checks the options, then runs the front end that fits: the
// wizard, the accessible prompts, or the scripted run.
func register(ctx context.Context, opts options, std streams) int {
	if _, err := api.ParseBaseURL(opts.apiURL); err != nil {
		fmt.Fprintln(std.err, "flexslot-register:", err)
		return exitUsage
	}
	if opts.clipboardClear <= 0 {
		fmt.Fprintln(std.err, "flexslot-register: --clipboard-clear must be a positive duration such as 45s")
		return exitUsage
	}
	if !checkGiven(opts, std.err) {
		return exitUsage
	}
	if opts.dryRun {
		return dryRun(opts, std)
	}
	token := os.Getenv("FLEXSLOT_TOKEN")
	if opts.tokenStdin {
		if std.inTerminal {
			fmt.Fprintln(std.err, "flexslot-register: --token-stdin reads the token from a pipe; in a terminal, leave it out and the wizard asks for the token (masked)")
			return exitUsage
		}
		// Nothing else reads stdin in a scripted run: buffering is fine.
		line, err := bufio.NewReader(std.in).ReadString('\n')
		if (err != nil && err != io.EOF) || strings.TrimSpace(line) == "" {
			fmt.Fprintln(std.err, "flexslot-register: --token-stdin: no token on the first line of stdin")
			return exitUsage
		}
		token = strings.TrimSpace(line)
	}
	if opts.sandbox {
		running, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
		if err != nil {
			fmt.Fprintln(std.err, "flexslot-register:", err)
			return exitFailed
		}
		defer running.Close()
		opts.apiURL, token = running.URL, running.Token()
	}
	connect := func(token string) (ui.API, error) {
		return api.New(opts.apiURL, token, api.WithVersion(buildVersion()))
	}
	if opts.noInput || opts.json || !std.interactive {
		return script(ctx, opts, token, connect, std)
	}
	return wizard(ctx, opts, token, connect, std)
}

// dryRun prints the request and the equivalent curl command, sending nothing.
func dryRun(opts options, std streams) int {
	if missing := missingFlags(opts); len(missing) > 0 {
		fmt.Fprintf(std.err, "flexslot-register: --dry-run needs every required value: missing %s\n", strings.Join(missing, ", "))
		return exitUsage
	}
	req := opts.req.WithDefaults()
	data, _ := json.MarshalIndent(req, "", "  ")
	fmt.Fprintf(std.out, "%s\n\n%s\n", data, api.CurlCreate(opts.apiURL, req))
	fmt.Fprintln(std.err, "Dry run: the request is valid; nothing was sent.")
	return exitOK
}

// script registers without asking anything.
func script(ctx context.Context, opts options, token string, connect func(string) (ui.API, error), std streams) int {
	var problems []string
	if missing := missingFlags(opts); len(missing) > 0 {
		problems = append(problems, "missing "+strings.Join(missing, ", ")+" (no terminal to ask in)")
	}
	if token == "" {
		problems = append(problems, "no token: set FLEXSLOT_TOKEN, or pipe it with --token-stdin")
	}
	req := opts.req.WithDefaults()
	if req.ClientType == validate.ClientConfidential && !opts.json && opts.secretFile == "" && !opts.printSecret {
		problems = append(problems, "a confidential client's secret is shown only once, and nothing would capture it: add --secret-file PATH, --print-secret or --json")
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(std.err, "flexslot-register:", p)
		}
		return exitUsage
	}
	cfg := ui.ScriptConfig{Connect: connect, Token: token, Request: req, JSON: opts.json, PrintSecret: opts.printSecret, FlagOf: flagOf(req)}
	if opts.secretFile != "" {
		f, err := ui.CreateSecretFile(opts.secretFile, opts.force)
		if err != nil {
			fmt.Fprintf(std.err, "flexslot-register: --secret-file: %v; choose another path, or add --force to replace it\n", err)
			return exitUsage
		}
		cfg.SecretFile = f
	}
	result, err := ui.RunScript(ctx, cfg, std.out, std.err)
	if cfg.SecretFile != nil && result.SavedTo == "" {
		cfg.SecretFile.Close()
		os.Remove(cfg.SecretFile.Name()) // nothing was created: no empty file left behind
	}
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		return exitCancelled
	}
	return exitFailed
}

// wizard runs the full-screen wizard, or the accessible prompts, and prints
// the summary on stdout.
func wizard(ctx context.Context, opts options, token string, connect func(string) (ui.API, error), std streams) int {
	cfg := ui.Config{
		Token:          token,
		Connect:        connect,
		Request:        opts.req,
		Given:          opts.given,
		SkipReview:     opts.yes,
		Clipboard:      ui.SystemClipboard(),
		OSC52:          os.Getenv("TERM") != "dumb",
		ClipboardClear: opts.clipboardClear,
		SavePath:       opts.secretFile,
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
				fmt.Fprintln(std.err, "\nflexslot-register: cancelled")
				os.Exit(exitCancelled)
			case <-finished:
			}
		}()
		result = ui.RunAccessible(ctx, cfg, std.in, std.err)
	} else {
		model := ui.New(cfg)
		_, err = tea.NewProgram(model, tea.WithContext(ctx), tea.WithOutput(std.err)).Run()
		result = model.Result()
	}
	fmt.Fprint(std.out, result.Summary())
	if opts.printSecret && result.Created != nil && result.Created.PlaintextClientSecret != "" {
		fmt.Fprintln(std.out, result.Created.PlaintextClientSecret.Reveal())
	}
	if ctx.Err() != nil {
		reportInterrupted(result, std.err)
	}
	switch {
	case ctx.Err() != nil && result.Created == nil:
		return exitCancelled
	case err != nil && result.Created == nil:
		fmt.Fprintln(std.err, "flexslot-register:", err)
		return exitFailed
	case result.Created != nil:
		return exitOK
	case result.Outcome == ui.OutcomeFailed:
		fmt.Fprintln(std.err, "flexslot-register:", result.Err)
		return exitFailed
	}
	return exitCancelled
}

// reportInterrupted tells, on stderr, what a signal left behind: a client
// created but whose secret was not kept, or a create that may have gone through.
func reportInterrupted(result ui.Result, stderr io.Writer) {
	switch c := result.Created; {
	case c != nil && c.PlaintextClientSecret != "" && result.SavedTo == "" && !result.Copied:
		fmt.Fprintf(stderr, "flexslot-register: stopped after registering %s; its secret was not saved. Rotate it to get a new one: POST %s%s/%s/rotate-secret\n",
			c.Client.ClientID, api.APIPrefix, api.ClientsPath, c.Client.ClientID)
	case c != nil:
		fmt.Fprintf(stderr, "flexslot-register: stopped after registering %s.\n", c.Client.ClientID)
	case result.InFlight:
		fmt.Fprintf(stderr, "flexslot-register: stopped while registering: the client may have been created. List your clients (GET %s%s) before you try again.\n",
			api.APIPrefix, api.ClientsPath)
	}
}

// envOn reads a yes/no environment variable such as ACCESSIBLE=1.
func envOn(name string) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
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
