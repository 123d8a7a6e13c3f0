package ui

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// typedToken is the token the tests type at the prompt.
const typedToken = "flx_pat_TypedNeverShown"

// typeToken types token at the token prompt and enters it.
func (d *driver) typeToken(token, want string) {
	d.t.Helper()
	d.wait("Personal access token")
	d.tm.Type(token)
	d.send(keyEnter, want)
}

// neverShown fails t when a frame the wizard drew holds s.
func (d *driver) neverShown(s string) {
	d.t.Helper()
	d.rec.mu.Lock()
	defer d.rec.mu.Unlock()
	for _, frame := range d.rec.frames {
		if strings.Contains(ansi.Strip(frame), s) {
			d.t.Fatalf("a frame shows %q:\n%s", s, ansi.Strip(frame))
		}
	}
}

func TestKeepTypedToken(t *testing.T) {
	tests := []struct {
		name     string
		answer   func(*driver)
		err      error
		wantKept bool
	}{
		{"kept", func(d *driver) {
			d.send(keyY, "✓ The token is kept in the test keychain.")
			d.wait("logout` removes it")
			d.send(keyEnter, "Application name")
		}, nil, true},
		{"declined", func(d *driver) { d.send(keyN, "Application name") }, nil, false},
		{"esc", func(d *driver) { d.send(keyEsc, "Application name") }, nil, false},
		{"failed", func(d *driver) {
			d.send(keyY, "✗ The token was not kept: the keychain refused [the token]")
			d.wait("This run goes on with it")
			d.send(keyEnter, "Application name")
		}, errors.New("the keychain refused " + typedToken), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := uitest.NewStubAPI()
			cfg := uitest.StubConfig(stub)
			cfg.Token = ""
			keep := &uitest.FakeKeep{Err: tt.err}
			cfg.KeepToken = keep.Keep
			d := start(t, cfg)
			d.typeToken(typedToken, "Keep this token for https://api.flexslot.gg?")
			d.wait("y keep it")
			tt.answer(d)
			kept := keep.Calls()
			if tt.wantKept && (len(kept) != 1 || kept[0] != typedToken) || !tt.wantKept && len(kept) != 0 {
				t.Errorf("kept %d tokens, want the typed one %v", len(kept), tt.wantKept)
			}
			d.tm.Send(keyCtrlC)
			if result := d.ended(); result.Outcome != flow.OutcomeCancelled || result.Err != nil {
				t.Errorf("result %+v", result)
			}
			d.neverShown(strings.TrimPrefix(typedToken, "flx_pat_"))
		})
	}
}

// TestKeepTokenNotOfferedForAGivenToken: a token the run was given
// (FLEXSLOT_TOKEN, --token-stdin, the store) is never offered, nor one when
// nothing can keep it (KeepToken nil: --sandbox).
func TestKeepTokenNotOfferedForAGivenToken(t *testing.T) {
	t.Run("given", func(t *testing.T) {
		cfg := uitest.StubConfig(uitest.NewStubAPI())
		keep := &uitest.FakeKeep{}
		cfg.KeepToken = keep.Keep
		d := start(t, cfg)
		d.wait("Application name")
		d.neverShown("Keep this token")
		if n := len(keep.Calls()); n != 0 {
			t.Errorf("kept %d tokens", n)
		}
	})
	t.Run("no KeepToken", func(t *testing.T) {
		cfg := uitest.StubConfig(uitest.NewStubAPI())
		cfg.Token = ""
		d := start(t, cfg)
		d.typeToken(typedToken, "Application name")
		d.neverShown("Keep this token")
	})
}

// TestKeepTokenOfferedOnceARun: a token typed after the given one was
// refused is offered; one typed again after a 401 at the create is not.
func TestKeepTokenOfferedOnceARun(t *testing.T) {
	sb, cfg := uitest.SandboxConfig(t, failFirstPost(http.StatusUnauthorized, "application/json", `{"detail":"Invalid token."}`))
	cfg.Token = "flx_pat_wrong"
	cfg.Request = uitest.ExampleRequest("confidential")
	keep := &uitest.FakeKeep{}
	cfg.KeepToken = keep.Keep
	d := start(t, cfg)
	d.wait("The server refused this token (401)")
	d.tm.Type(sb.Token())
	d.send(keyEnter, "Keep this token for")
	d.send(keyY, "✓ The token is kept in the test keychain.")
	d.send(keyEnter, "Application name")
	d.toReview()
	d.send(keyEnter, "refused the token while registering")
	d.tm.Type(sb.Token())
	d.send(keyEnter, "nothing has been sent yet") // back on the review, not offered again
	if kept := keep.Calls(); len(kept) != 1 || kept[0] != sb.Token() {
		t.Errorf("kept %d tokens, want the typed one once", len(kept))
	}
	d.send(keyCtrlC, "Keep your answers?")
	d.tm.Send(keyEsc)
	d.ended()
}

// keptInKeychain is a KeepToken that keeps nothing and says the keychain.
func keptInKeychain(string) (string, error) {
	return "the system keychain (Secret Service, service flexslot-register)", nil
}
