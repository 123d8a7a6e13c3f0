package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"charm.land/huh/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/advice"
	"github.com/flexslot/flexslot-register/cli/clientlist"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/cli/script"
	"github.com/flexslot/flexslot-register/cli/secretfile"
	"github.com/flexslot/flexslot-register/ui"
	"github.com/flexslot/flexslot-register/validate"
)

// openAPI readies the API for a run: the token (FLEXSLOT_TOKEN or stdin), or
// an in-process sandbox and its token with --sandbox. The returned func stops
// the sandbox.
func openAPI(opts *options, streams *iostreams.IOStreams) (token string, closeSandbox func(), err error) {
	token, err = readToken(*opts, streams)
	if err != nil {
		return "", nil, err
	}
	if !opts.sandbox {
		return token, func() {}, nil
	}
	running, err := sandbox.Start("127.0.0.1:0", sandbox.Config{})
	if err != nil {
		return "", nil, err
	}
	opts.apiURL = running.URL
	return running.Token(), func() { running.Close() }, nil
}

// openClient is openAPI and an API client with its token, for the commands
// that need one; the token is required. The returned func stops the sandbox.
func openClient(opts *options, streams *iostreams.IOStreams) (*api.Client, func(), error) {
	token, closeSandbox, err := openAPI(opts, streams)
	if err != nil {
		return nil, nil, err
	}
	if token == "" {
		closeSandbox()
		return nil, nil, cli.Usage(errors.New(advice.NoToken))
	}
	client, err := opts.connect(token)
	if err != nil {
		closeSandbox()
		return nil, nil, cli.Usage(err)
	}
	return client, closeSandbox, nil
}

// connect makes an API client for a token.
func (o options) connect(token string) (*api.Client, error) {
	return api.New(o.apiURL, token, api.WithVersion(buildVersion()))
}

// runList prints the partner's clients: a table (one block a client where
// the terminal is narrower than the table), or JSON with --json.
func runList(ctx context.Context, opts options, args []string, streams *iostreams.IOStreams) error {
	if err := checkCommon(opts); err != nil {
		return err
	}
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("list: unexpected argument %q", args[0]))
	}
	client, closeSandbox, err := openClient(&opts, streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	clients, err := client.ListOAuth2Clients(ctx)
	if err != nil {
		return errors.New(strings.Join(advice.Of(err).Lines(), " "))
	}
	if opts.json {
		return clientlist.JSON(streams.Out, clients)
	}
	if len(clients) == 0 {
		fmt.Fprintf(streams.ErrOut, "No OAuth2 clients yet: `%s` registers one.\n", advice.Command)
		return nil
	}
	_, err = fmt.Fprint(streams.Out, clientlist.Render(clients, streams.StdoutWidth()))
	return err
}

// runRequestScopes asks for scopes the partner account lacks and prints the
// answer: its id, status and message, or JSON with --json.
func runRequestScopes(ctx context.Context, opts options, args []string, streams *iostreams.IOStreams) error {
	if err := checkCommon(opts); err != nil {
		return err
	}
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("request-scopes: unexpected argument %q", args[0]))
	}
	req := api.ScopeRequest{Justification: strings.TrimSpace(opts.justification), RequestedScopes: opts.scopes, RequestedGameScopes: opts.gameScopes}
	interactive := streams.Interactive() && !opts.noInput
	var client *api.Client
	if interactive {
		// The token is checked for before anyone types a justification.
		var closeSandbox func()
		var err error
		if client, closeSandbox, err = openClient(&opts, streams); err != nil {
			return err
		}
		defer closeSandbox()
		if err := askScopeRequest(&req, opts, streams); err != nil {
			return cli.Exit(cli.ExitCancelled, nil)
		}
	}
	if err := validate.RequestedScopes(req.RequestedScopes, req.RequestedGameScopes); err != nil {
		return cli.Usage(fmt.Errorf("--scope, --game-scope: %w", err))
	}
	// The reference page takes any string; a scope outside the catalogue
	// is a typo here.
	if err := validate.AllowedScopes(req.RequestedScopes); err != nil {
		return cli.Usage(fmt.Errorf("--scope: %w", err))
	}
	if err := validate.Justification(req.Justification); err != nil {
		return cli.Usage(fmt.Errorf("--justification: %w", err))
	}
	if client == nil {
		var closeSandbox func()
		var err error
		if client, closeSandbox, err = openClient(&opts, streams); err != nil {
			return err
		}
		defer closeSandbox()
	}
	answer, err := client.RequestScopes(ctx, req)
	if err != nil {
		return errors.New(strings.Join(scopeRequestProblems(err), "\n"))
	}
	clean := answer.Sanitized()
	if opts.json {
		enc := json.NewEncoder(streams.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(clean)
	}
	_, err = fmt.Fprintf(streams.Out, "Scope request %s: %s\n%s\n", clean.ID, clean.Status, clean.Message)
	return err
}

// askScopeRequest asks in the terminal for what the flags did not give (see
// ui.ScopeRequestForm), as line prompts with --accessible.
func askScopeRequest(req *api.ScopeRequest, opts options, streams *iostreams.IOStreams) error {
	form := ui.ScopeRequestForm(req)
	if form == nil {
		return nil
	}
	out := streams.Terminal()
	if opts.accessible {
		// Plain text, as the wizard's line prompts: a screen reader would
		// read styled titles out as noise.
		out = &colorprofile.Writer{Forward: out, Profile: colorprofile.NoTTY}
	}
	err := form.WithAccessible(opts.accessible).WithInput(streams.In).WithOutput(out).Run()
	req.Justification = strings.TrimSpace(req.Justification)
	return err
}

// scopeRequestProblems says why a scope request failed: the server's
// complaints naming the flags, or the failure with what to do.
func scopeRequestProblems(err error) []string {
	if !api.IsValidation(err) {
		return advice.Of(err).Lines()
	}
	flags := map[string]string{"justification": "--justification", "requested_scopes": "--scope", "requested_game_scopes": "--game-scope"}
	var lines []string
	for _, fe := range api.FieldErrorsOf(err) {
		where, ok := flags[fe.Field]
		if !ok {
			where = "server"
		}
		if fe.Index >= 0 {
			where += fmt.Sprintf(" (item %d)", fe.Index+1)
		}
		lines = append(lines, where+": "+validate.Sanitize(fe.Message))
	}
	return lines
}

// runCheck runs the go-live check on the request the manifest and flags
// give, and prints each finding as a warning.
func runCheck(ctx context.Context, opts options, args []string, streams *iostreams.IOStreams) error {
	if len(args) > 0 {
		return cli.Usage(fmt.Errorf("check: unexpected argument %q", args[0]))
	}
	if err := readRegistration(ctx, &opts); err != nil {
		return err
	}
	if opts.offline {
		fmt.Fprintln(streams.ErrOut, "Skipped the go-live check (--offline): no link or host was looked at.")
		return nil
	}
	report := goLive().Check(ctx, opts.reg.Request)
	switch {
	case report.Offline:
		return cli.Exit(cli.ExitFailed, errors.New("no network here: no link or host could be looked at, so nothing was checked"))
	case report.Checked == 0:
		fmt.Fprintln(streams.ErrOut, "Nothing to check: no link, and no redirect URI on a public host.")
		return nil
	}
	for _, f := range report.Findings {
		fmt.Fprintln(streams.Out, "warning: "+f.String())
	}
	if len(report.Findings) == 0 {
		fmt.Fprintf(streams.ErrOut, "Checked %s: nothing to warn about.\n", report.Looked())
		return nil
	}
	return cli.Exit(cli.ExitFailed, fmt.Errorf("checked %s: %s", report.Looked(), report.Warnings()))
}

// runRotate gives a confidential client a new secret: in a terminal through
// the wizard's screens (a picker without an id, a confirmation, the result
// screen), else scripted, like a create.
func runRotate(ctx context.Context, opts options, args []string, streams *iostreams.IOStreams) error {
	if err := checkCommon(opts); err != nil {
		return err
	}
	if len(args) > 1 {
		return cli.Usage(fmt.Errorf("rotate: one client id at most, got %d", len(args)))
	}
	clientID := ""
	if len(args) == 1 {
		clientID = args[0]
	}
	token, closeSandbox, err := openAPI(&opts, streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	if opts.noInput || opts.json || !streams.Interactive() {
		return script.Rotate(ctx, clientID, script.Options{
			Token: token, JSON: opts.json, PrintSecret: opts.printSecret, SecretFile: opts.secretFile, Force: opts.force,
			Connect: func(token string) (script.API, error) { return opts.connect(token) },
		}, streams)
	}
	cfg := wizardConfig(opts, token)
	cfg.Mode, cfg.ClientID = ui.ModeRotate, clientID
	return runWizard(ctx, opts, cfg, streams)
}

// runTestLogin signs in with a registered client through the browser, to
// prove that its redirect URI, scopes and secret work. The secret comes from
// FLEXSLOT_CLIENT_SECRET, --secret-file (a file this tool saved), stdin, or
// a masked prompt in a terminal; never from a flag value.
func runTestLogin(ctx context.Context, opts options, args []string, streams *iostreams.IOStreams) error {
	if err := checkCommon(opts); err != nil {
		return err
	}
	if len(args) != 1 {
		return cli.Usage(errors.New("test-login needs one client id: " + advice.Command + " test-login CLIENT_ID"))
	}
	secret := os.Getenv(secretfile.SecretVar)
	os.Unsetenv(secretfile.SecretVar) // no child (the browser) inherits it
	if secret == "" && opts.secretFile != "" {
		var err error
		if secret, err = secretfile.Secret(opts.secretFile); err != nil {
			return cli.Usage(fmt.Errorf("--secret-file: %w", err))
		}
	}
	token, closeSandbox, err := openAPI(&opts, streams)
	if err != nil {
		return err
	}
	defer closeSandbox()
	if secret == "" && !streams.IsStdinTTY() && !opts.tokenStdin {
		line, _ := bufio.NewReader(streams.In).ReadString('\n')
		secret = strings.TrimSpace(line)
	}
	login := script.TestLoginOptions{
		ClientID: args[0], Secret: secret, Scopes: opts.scopes, Token: token, BaseURL: opts.apiURL,
		Connect: func(token string) (script.API, error) { return opts.connect(token) },
	}
	if streams.Interactive() && !opts.noInput {
		login.AskSecret = func() (string, error) {
			var typed string
			err := huh.NewInput().Title("Client secret of " + args[0]).EchoMode(huh.EchoModePassword).Value(&typed).Run()
			return strings.TrimSpace(typed), err
		}
	}
	return script.TestLogin(ctx, login, streams)
}

// keepDraft writes --draft after a run that stopped before sending, and
// says where it went and how to resume, or why it could not.
func keepDraft(opts options, streams *iostreams.IOStreams) {
	req := opts.reg.Request.WithDefaults()
	if !api.HasAnswers(req) {
		fmt.Fprintln(streams.ErrOut, "flexslot-register: --draft: no valid answer to keep; no draft written.")
		return
	}
	data, dropped := api.Draft(req)
	path, err := secretfile.SaveNew(opts.draft, string(data), opts.force)
	switch {
	case errors.Is(err, fs.ErrExist):
		fmt.Fprintf(streams.ErrOut, "flexslot-register: --draft: %s exists; add --force to replace it.\n", path)
		return
	case err != nil:
		fmt.Fprintln(streams.ErrOut, "flexslot-register: --draft:", err)
		return
	}
	if len(dropped) > 0 {
		fmt.Fprintf(streams.ErrOut, "Not kept, since they are not valid yet: %s.\n", strings.Join(dropped, ", "))
	}
	fmt.Fprintln(streams.ErrOut, advice.DraftKept(path, opts.sandbox))
}
