package main

import (
	"context"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/internal/cli"
	"github.com/flexslot/flexslot-register/validate"
)

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
func completeClientIDs(opts *apiOptions, clientType string) cobra.CompletionFunc {
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
