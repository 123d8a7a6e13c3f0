package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/api/sandbox"
	"github.com/flexslot/flexslot-register/cli"
	"github.com/flexslot/flexslot-register/cli/iostreams"
	"github.com/flexslot/flexslot-register/validate"
)

// newCommand is the command line: the wizard at the top, its commands below.
// Every flag of the registration comes from api.Fields (cli.BindFlags), the
// flags the commands share from bindCommon. Help, the version and the
// completion scripts go to out.
func newCommand(streams *iostreams.IOStreams, out io.Writer) *cobra.Command {
	opts := defaultOptions()
	root := &cobra.Command{
		Use:   "flexslot-register",
		Short: "Register an OAuth2 client for the flexslot.gg partner API",
		Long: `Register an OAuth2 client for the flexslot.gg partner API.

In a terminal, a wizard asks for what the flags and --from do not give,
shows the request for review, sends it, and shows the client id and the
one-time secret on the alternate screen, to copy or save. Without a
terminal (or with --no-input or --json) it runs from the flags alone.

The token is FLEXSLOT_TOKEN, or the first line of stdin with --token-stdin;
the wizard asks for it, masked, when neither gives one.

Data goes to stdout (the client id, the JSON, or the wizard's summary),
everything else to stderr. Exit codes: 0 registered (or --dry-run passed),
1 failed (refused by the server, network, ...), 2 usage error (a bad or
missing value; nothing was sent), 130 cancelled.`,
		Example: `# Try it, no account needed
flexslot-register --sandbox

# In CI, with FLEXSLOT_TOKEN from the CI's secret store
flexslot-register --no-input --name "Deck Tracker" \
  --redirect-uri https://decktracker.example/oauth/callback \
  --scope decks:read --secret-file flexslot-client.env --if-exists reuse

# From a manifest kept in the repository, as JSON
flexslot-register --from flexslot-client.json --json > registered.json

# What would be sent, checked as the run would check it
flexslot-register --from flexslot-client.json --dry-run \
  --secret-file flexslot-client.env`,
		Version: versionLine(),
		Args:    cli.UnknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runRegister(cmd.Context(), opts, streams)
		},
	}
	cli.BindFlags(root, &opts.flagged)
	fs := root.Flags()
	fs.StringVar(&opts.from, "from", "", ("A JSON manifest with the request's field names (as in the API); flags override it."))
	bindCommon(root, &opts)
	fs.BoolVar(&opts.dryRun, "dry-run", false, ("Check what the run would, print the request and its curl; send nothing."))
	fs.BoolVar(&opts.offline, "offline", false, ("Skip the review's go-live check of the links and redirect hosts."))
	fs.StringVar(&opts.draft, "draft", "", ("When a run without the wizard stops before sending (a missing or bad value), " +
		"keep the answers in this file, a manifest that --from resumes from."))
	fs.StringVar(&opts.ifExists, "if-exists", opts.ifExists, ("When a client of that name exists already: fail (exit 1), " +
		"reuse (print its id, send nothing) or rotate (a new secret for it)."))
	fs.BoolVar(&opts.rotateIfCreated, "rotate-if-created", false, ("When a create's answer is lost and the client turns out " +
		"to exist, rotate its secret and deliver that (never a second create)."))
	noFiles(root, "api-url", "clipboard-clear")
	fixed(root, "if-exists", "fail\tfail, exit 1", "reuse\tprint its id, send nothing", "rotate\ta new secret for it")

	root.SetIn(streams.In)
	root.SetOut(out) // before the completion command, which keeps it
	root.SetErr(streams.ErrOut)
	root.AddCommand(listCommand(opts, streams), rotateCommand(opts, streams), testLoginCommand(opts, streams), requestScopesCommand(opts, streams), checkCommand(opts, streams), sandboxCommand(streams), manCommand())
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

func listCommand(opts options, streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print your OAuth2 clients",
		Long: `Print your OAuth2 clients: a table (one block a client in a terminal
narrower than the table), or the list as JSON with --json.`,
		Example: `FLEXSLOT_TOKEN=... flexslot-register list
flexslot-register list --json | jq -r '.[].client_id'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runList(cmd.Context(), opts, args, streams)
		},
	}
	bindCommon(cmd, &opts, "sandbox", "api-url", "token-stdin", "json")
	cmd.Flags().Lookup("json").Usage = "Print the list as JSON."
	noFiles(cmd, "api-url")
	return cmd
}

func rotateCommand(opts options, streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rotate [CLIENT_ID]",
		Short: "Give a confidential client a new secret",
		Long: `Give a confidential client a new secret; apps using the current one
need the new one.

In a terminal, without CLIENT_ID, pick the client from a list; then
confirm, and the new secret is shown, copied or saved like a new client's.
Without a terminal it needs CLIENT_ID, and --secret-file, --json or
--print-secret.`,
		Example: `flexslot-register rotate
flexslot-register rotate cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q \
  --secret-file flexslot-client.env --force`,
		ValidArgsFunction: completeClientIDs(&opts, "confidential"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRotate(cmd.Context(), opts, args, streams)
		},
	}
	// --yes skips the wizard's review, which rotate does not have.
	bindCommon(cmd, &opts, "sandbox", "api-url", "token-stdin", "no-input", "accessible", "clipboard-clear",
		"secret-file", "print-secret", "json", "force")
	noFiles(cmd, "api-url", "clipboard-clear")
	return cmd
}

func testLoginCommand(opts options, streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "test-login CLIENT_ID",
		Short: "Sign in with a client through your browser",
		Long: `Prove that a client works: sign in through your browser (PKCE, a
loopback redirect URI), call GET /decks/, and revoke the test tokens.

A confidential client's secret comes from FLEXSLOT_CLIENT_SECRET,
--secret-file, the first line of stdin, or a masked prompt; never from a
flag's value.`,
		Example: `flexslot-register test-login cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q \
  --secret-file flexslot-client.env --scope decks:read`,
		ValidArgsFunction: completeClientIDs(&opts, ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTestLogin(cmd.Context(), opts, args, streams)
		},
	}
	cli.BindListFlag(cmd, api.FieldAllowedScopes, &opts.scopes, "A scope to ask for; default: the client's scopes. Repeat for more.")
	bindCommon(cmd, &opts, "sandbox", "api-url", "token-stdin", "no-input", "secret-file")
	cmd.Flags().Lookup("secret-file").Usage = ("Read the client secret from a file this tool saved (FLEXSLOT_CLIENT_SECRET=...).")
	noFiles(cmd, "api-url")
	return cmd
}

func requestScopesCommand(opts options, streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "request-scopes",
		Short: "Ask for scopes your partner account lacks",
		Long: `Ask flexslot for scopes or game scopes your partner account does not
have yet (POST /me/partner/scope-requests), with a justification of 10
to 2000 characters: what your app does with them. In a terminal it asks
for what the flags do not give. It prints the request's id, status and
message; --json prints the answer as JSON.

GET /me/partner lists the scopes your partner account has.`,
		Example: `flexslot-register request-scopes --scope exports:read \
  --justification "Players export their decks and sideboard guides to PDF."`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRequestScopes(cmd.Context(), opts, args, streams)
		},
	}
	cli.BindListFlag(cmd, api.FieldAllowedScopes, &opts.scopes, "A scope to ask for. Repeat for more.")
	cmd.Flags().StringArrayVar(&opts.gameScopes, "game-scope", nil, "A game scope to ask for (letters, digits, - and _). Repeat for more.")
	cmd.Flags().StringVar(&opts.justification, "justification", "", "Why your app needs them, in 10 to 2000 characters.")
	bindCommon(cmd, &opts, "sandbox", "api-url", "token-stdin", "no-input", "accessible", "json")
	cmd.Flags().Lookup("json").Usage = "Print the server's answer as JSON."
	noFiles(cmd, "api-url", "game-scope", "justification")
	return cmd
}

func checkCommand(opts options, streams *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the links and hosts players will see",
		Long: `Look at what the consent page will show players, and where it sends
them: the application, logo, privacy policy and terms links must answer
(2xx, or 3xx to a page that does) within a few seconds, over https with a
valid certificate, and the logo must be an image under 1 MiB; the hosts of
redirect URIs that are not loopback must resolve and, for https, answer
with a valid certificate. Nothing is sent to the API, and no token or
cookie to the sites.

Each problem is printed as a warning on stdout. Exit codes: 0 nothing
found (or --offline), 1 a warning, or no network to check with.`,
		Example: `flexslot-register check --from flexslot-client.json
flexslot-register check --privacy-url https://decktracker.example/privacy`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), opts, args, streams)
		},
	}
	cli.BindFlags(cmd, &opts.flagged)
	cmd.Flags().StringVar(&opts.from, "from", "", "A JSON manifest with the request's field names (as in the API); flags override it.")
	cmd.Flags().BoolVar(&opts.offline, "offline", false, "Check nothing: say so, and exit 0.")
	return cmd
}

// triggerList is the sandbox's triggers, a name and its answer a line, for
// the sandbox command's help.
func triggerList() string {
	var b strings.Builder
	width := 0
	for _, trig := range sandbox.Triggers() {
		width = max(width, len(trig.Name))
	}
	room := max(72-width-4, 30) // the help's other paragraphs are 72 wide
	for _, trig := range sandbox.Triggers() {
		name := trig.Name
		for _, line := range cli.Lines(trig.Answer, room) {
			fmt.Fprintf(&b, "  %-*s  %s\n", width, name, line)
			name = ""
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func sandboxCommand(streams *iostreams.IOStreams) *cobra.Command {
	var addr string
	var partnerScopes []string
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the sandbox API on loopback",
		Long: `Serve an in-process flexslot partner API with the documented
endpoints, validation and errors, on a loopback address, until Ctrl+C.
It prints its base URL and a ready token on stderr.

These application names make a create fail on purpose:

` + triggerList(),
		Example:           `flexslot-register sandbox --addr 127.0.0.1:8080`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSandbox(cmd.Context(), addr, partnerScopes, args, streams)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", sandbox.DefaultAddr, ("The loopback address to listen on (port 0 picks a free one)."))
	cmd.Flags().StringArrayVar(&partnerScopes, "partner-scope", nil, "A scope the sandbox's partner account has; "+
		"without it, every scope. Clients that ask for another are refused. Repeat for more.")
	noFiles(cmd, "addr", "partner-scope")
	return cmd
}

// completionHelp is the help of the completion commands, in place of
// cobra's: shorter lines, and where the packages put the scripts.
var completionHelp = map[string]string{
	"completion": `Print the script that completes flexslot-register's commands, flags
and their values (client types, scopes, grant types; client ids, with
FLEXSLOT_TOKEN set) in your shell. The .deb, .rpm, .apk and Homebrew
packages install it already.`,
	"bash": `Print the bash completion script; it needs the bash-completion package.
For this shell:

    source <(flexslot-register completion bash)

For every new shell, once:

    flexslot-register completion bash \
      > ~/.local/share/bash-completion/completions/flexslot-register`,
	"zsh": `Print the zsh completion script. If compinit is not on yet, add
"autoload -U compinit; compinit" to ~/.zshrc; then, once:

    flexslot-register completion zsh > "${fpath[1]}/_flexslot-register"`,
	"fish": `Print the fish completion script. For every new shell, once:

    flexslot-register completion fish \
      > ~/.config/fish/completions/flexslot-register.fish`,
	"powershell": `Print the PowerShell completion script. For this shell:

    flexslot-register completion powershell | Out-String | Invoke-Expression

For every new shell, add that line to your PowerShell profile.`,
}

// describeCompletion gives cobra's completion command and its subcommands
// completionHelp.
func describeCompletion(completion *cobra.Command) {
	completion.Short = "Print a shell's completion script"
	completion.Args = cli.UnknownCommand // cobra's shows its help for "completion tcsh"
	completion.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	completion.Long = completionHelp["completion"]
	for _, c := range completion.Commands() {
		c.Long = completionHelp[c.Name()]
		c.Flags().Lookup("no-descriptions").Usage = "Leave out the values' descriptions."
	}
}

// noFiles completes the values of cmd's flags to nothing rather than to file
// names.
func noFiles(cmd *cobra.Command, flags ...string) {
	for _, name := range flags {
		must(cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions))
	}
}

// fixed completes the value of cmd's flag to one of values ("value\thelp").
func fixed(cmd *cobra.Command, flag string, values ...cobra.Completion) {
	must(cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)))
}

// must panics on a programming error: a completion for a flag that is not
// there, or twice.
func must(err error) {
	if err != nil {
		panic(err)
	}
}

// completeClientIDs completes a client id from the partner's clients (those
// of clientType only, unless ""), when FLEXSLOT_TOKEN holds a token: a
// completion never asks for one, nor reads stdin. An id that is no
// credential is left out, and a name is cleaned, since both come from the
// server.
func completeClientIDs(opts *options, clientType string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		token := os.Getenv(tokenVar)
		if len(args) > 0 || token == "" || opts.sandbox {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		client, err := opts.connect(token)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		ctx, cancel := context.WithTimeout(cmd.Context(), 5*time.Second)
		defer cancel()
		clients, err := client.ListOAuth2Clients(ctx)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveError
		}
		var ids []cobra.Completion
		for _, c := range clients {
			if validate.Credential(c.ClientID) != nil || (clientType != "" && c.ClientType != clientType) {
				continue
			}
			ids = append(ids, cobra.CompletionWithDesc(c.ClientID, validate.Sanitize(c.ApplicationName)))
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}
