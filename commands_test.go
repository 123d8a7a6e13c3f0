package main

import (
	"context"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flexslot/flexslot-register/internal/iostreams"
)

// TestCommandsParse parses each command's line through its runF, apart from
// its run (as GitHub CLI's commands are tested): what each flag sets in the
// command's own options.
func TestCommandsParse(t *testing.T) {
	t.Setenv("FLEXSLOT_API_URL", "")
	t.Setenv("ACCESSIBLE", "")
	streams, _, _ := iostreams.Test(strings.NewReader(""))
	var got any
	keep := func(o any) error { got = o; return nil }
	tests := []struct {
		name string
		cmd  *cobra.Command
		args []string
		want any
	}{
		{"list", newCmdList(streams, func(_ context.Context, o *listOptions) error { return keep(*o) }),
			[]string{"--json", "--sandbox"}, listOptions{apiOptions: apiOptions{sandbox: true}, streams: streams, json: true}},
		{"rotate", newCmdRotate(streams, func(_ context.Context, o *rotateOptions) error { return keep(*o) }),
			[]string{"cli_1", "--secret-file", "a.env", "--force", "--clipboard-clear", "5s", "--api-url", "https://api.example"},
			rotateOptions{apiOptions: apiOptions{apiURL: "https://api.example"}, streams: streams, clientID: "cli_1", force: true,
				secretFile: "a.env", clipboardClear: 5 * time.Second}},
		{"rotate, defaults", newCmdRotate(streams, func(_ context.Context, o *rotateOptions) error { return keep(*o) }),
			nil, rotateOptions{streams: streams, clipboardClear: 45 * time.Second}},
		{"test-login", newCmdTestLogin(streams, func(_ context.Context, o *testLoginOptions) error { return keep(*o) }),
			[]string{"cli_1", "--scope", "decks:read", "--scope", "cards:read", "--secret-file", "a.env", "--token-stdin"},
			testLoginOptions{apiOptions: apiOptions{tokenStdin: true}, streams: streams, clientID: "cli_1",
				scopes: []string{"decks:read", "cards:read"}, secretFile: "a.env"}},
		{"request-scopes", newCmdRequestScopes(streams, func(_ context.Context, o *requestScopesOptions) error { return keep(*o) }),
			[]string{"--scope", "exports:read", "--game-scope", "lorcana", "--justification", "Exports.", "--accessible", "--no-input"},
			requestScopesOptions{streams: streams, scopes: []string{"exports:read"}, gameScopes: []string{"lorcana"},
				justification: "Exports.", accessible: true, noInput: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			tt.cmd.SetArgs(tt.args)
			if err := tt.cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestRegisterParses: the top command's flags land in its options, with
// --if-exists' default, and the registration's fields in flagged.
func TestRegisterParses(t *testing.T) {
	streams, _, _ := iostreams.Test(strings.NewReader(""))
	var got *options
	cmd := newCmdRegister(streams, func(_ context.Context, o *options) error { got = o; return nil })
	cmd.SetArgs([]string{"--name", "Deck Tracker", "--scope", "decks:read", "--dry-run", "--offline", "--rotate-if-created", "--draft", "d.json"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.ifExists != "" || !got.dryRun || !got.offline || !got.rotateIfCreated || got.draft != "d.json" ||
		got.flagged.Request.ApplicationName != "Deck Tracker" || !reflect.DeepEqual(got.flagged.Request.AllowedScopes, []string{"decks:read"}) {
		t.Errorf("got %+v", *got)
	}
}

// TestNoHiddenFlags: no command hides a flag, as one it takes but ignores
// once was: a flag a command does not use is not defined on it.
func TestNoHiddenFlags(t *testing.T) {
	streams, _, _ := iostreams.Test(strings.NewReader(""))
	eachCommand(newCommand(streams, io.Discard), func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				t.Errorf("%s hides --%s", c.CommandPath(), f.Name)
			}
		})
	})
}
