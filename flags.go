package main

import (
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// The flags that more than one command has, each bound by a command that
// uses it: a command has no flag it would ignore.

// bindNoInput defines --no-input on cmd.
func bindNoInput(cmd *cobra.Command, noInput *bool) {
	cmd.Flags().BoolVar(noInput, "no-input", false, "Never prompt; also when stdin or stdout is not a terminal.")
}

// bindAccessible defines --accessible on cmd, on by default with
// ACCESSIBLE=1.
func bindAccessible(cmd *cobra.Command, accessible *bool) {
	cmd.Flags().BoolVar(accessible, "accessible", envOn("ACCESSIBLE"), "Plain line prompts for screen readers (also ACCESSIBLE=1).")
}

// bindClipboardClear defines --clipboard-clear on cmd: a positive
// duration, checked where it is parsed.
func bindClipboardClear(cmd *cobra.Command, clear *time.Duration) {
	*clear = flow.DefaultClipboardClear
	cmd.Flags().Var(&positiveDuration{clear, "clipboard-clear"}, "clipboard-clear", "How long a copied secret may stay in the system clipboard.")
	noFiles(cmd, "clipboard-clear")
}

// bindSecretFlags defines on cmd where a secret goes: --secret-file (and
// --force to replace one), --print-secret and --json.
func bindSecretFlags(cmd *cobra.Command, secretFile *string, printSecret, json, force *bool) {
	fs := cmd.Flags()
	fs.StringVar(secretFile, "secret-file", "", "Write FLEXSLOT_CLIENT_ID and FLEXSLOT_CLIENT_SECRET "+
		"to this file, mode 0600: created before anything is sent, never over a file unless --force.")
	fs.BoolVar(printSecret, "print-secret", false, "Print the secret on stdout, after the client id.")
	fs.BoolVar(json, "json", false, "Print the client and its client_secret as JSON.")
	fs.BoolVar(force, "force", false, "Let --secret-file replace a file that exists.")
}

// positiveDuration is the value of the flag name, a duration that must be
// more than zero.
type positiveDuration struct {
	d    *time.Duration
	name string
}

// Set takes a duration such as 45s, and refuses one of zero or less.
func (p *positiveDuration) Set(value string) error {
	parsed, err := time.ParseDuration(value)
	if err != nil {
		return err
	}
	if parsed <= 0 {
		return &cli.ValueError{Flag: p.name, Words: "must be a positive duration such as 45s"}
	}
	*p.d = parsed
	return nil
}

// String is the duration as Go writes it: 45s.
func (p *positiveDuration) String() string { return p.d.String() }

// Type is what the flag takes.
func (p *positiveDuration) Type() string { return "duration" }

// envOn reads a yes/no environment variable such as ACCESSIBLE=1.
func envOn(name string) bool {
	switch strings.ToLower(os.Getenv(name)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}
