package lines

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// typedToken is the token the tests type at the token prompt.
const typedToken = "flx_pat_TypedNeverShown"

// onTerminal runs the line prompts with cfg on a pseudo-terminal, where the
// token prompt reads unechoed, typing lines, and returns what they said.
func onTerminal(t *testing.T, cfg flow.Config, lines ...string) string {
	t.Helper()
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptm.Close()
	defer tty.Close()
	go io.Copy(io.Discard, ptm) // the terminal's echo
	// The lines, then ctrl+d: the end of the input.
	if _, err := ptm.WriteString(strings.Join(lines, "\n") + "\n\x04"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	New(cfg, tty, &out, io.Discard).Run(context.Background())
	return out.String()
}

func TestKeepTypedToken(t *testing.T) {
	const offer = "Keep this token for https://api.flexslot.gg? It goes to the system keychain (or a file readable by you only) and the next run uses it."
	tests := []struct {
		name     string
		given    string // the run's token; "" asks for one
		typed    []string
		err      error
		wantKept bool
		want     []string
		absent   []string
	}{
		{"kept", "", []string{typedToken, "y"}, nil, true,
			[]string{offer, "The token is kept in the test keychain: the next run against https://api.flexslot.gg uses it; `flexslot-register logout` removes it.", "Application name"}, nil},
		{"declined", "", []string{typedToken, "n"}, nil, false,
			[]string{offer, "Application name"}, []string{"kept in"}},
		{"failed", "", []string{typedToken, "y"}, errors.New("the keychain refused " + typedToken), true,
			[]string{"The token was not kept: the keychain refused [the token]. This run goes on with it; `flexslot-register login` can keep it later.", "Application name"}, nil},
		{"given", uitest.ExampleToken, nil, nil, false,
			[]string{"Application name"}, []string{"Keep this token"}},
		{"nothing_keeps_it", "", []string{typedToken}, nil, false, // --sandbox
			[]string{"Application name"}, []string{"Keep this token"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := uitest.StubConfig(uitest.NewStubAPI())
			cfg.Token = tt.given
			keep := &uitest.FakeKeep{Err: tt.err}
			if tt.name != "nothing_keeps_it" {
				cfg.KeepToken = keep.Keep
			}
			said := onTerminal(t, cfg, tt.typed...)
			uitest.WantText(t, said, tt.want, append(tt.absent, strings.TrimPrefix(typedToken, "flx_pat_")))
			if kept := keep.Calls(); tt.wantKept && (len(kept) != 1 || kept[0] != typedToken) || !tt.wantKept && len(kept) != 0 {
				t.Errorf("kept %d tokens, want the typed one %v", len(kept), tt.wantKept)
			}
		})
	}
}
