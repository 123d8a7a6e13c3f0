package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/internal/uitest"
)

// benchModel is the wizard past the pre-flight, at 80x24, with n redirect URIs.
func benchModel(b testing.TB, n int) *Model {
	b.Helper()
	req := uitest.ExampleRequest("confidential")
	req.RedirectURIs = make([]string, n)
	for i := range req.RedirectURIs {
		req.RedirectURIs[i] = fmt.Sprintf("https://app%d.decktracker.example/oauth/callback", i)
	}
	m := New(uitest.WithRequest(uitest.StubConfig(uitest.NewStubAPI()), req))
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.tokenMeta = &api.AccessToken{TokenPrefix: "flx_pat_EXAM"}
	m.partner = &api.Partner{Name: "Acme Decks", Status: api.StatusActive, RateLimitTier: "standard"}
	m.client = uitest.NewStubAPI()
	return m
}

// benchKeys measures Update and View of the whole root model for keys sent in
// turn (a key and the one that undoes it, so the state stays put).
func benchKeys(b *testing.B, m *Model, keys ...tea.KeyPressMsg) { benchMessages(b, m, nil, keys) }

// benchTyping is benchKeys for a huh text input, which answers each key, as
// Bubble Tea runs it, with a second message: its cursor's cancelled blink.
func benchTyping(b *testing.B, m *Model, keys ...tea.KeyPressMsg) {
	benchMessages(b, m, blinkCanceled(b), keys)
}

// blinkCanceled makes bubbles' cursor send the message a key makes a text
// input send: a blink cancelled by the next one.
func blinkCanceled(t testing.TB) tea.Msg {
	t.Helper()
	c := cursor.New()
	c.BlinkSpeed = time.Hour
	c.Focus()
	first := c.Blink()
	got := make(chan tea.Msg, 1)
	go func() { got <- first() }()
	c.Blink() // cancels the first
	select {
	case msg := <-got:
		return msg
	case <-time.After(5 * time.Second):
		t.Fatal("the first blink was not cancelled")
		return nil
	}
}

// benchMessages sends each key in turn, then after (when there is one), each
// followed by a View, as Bubble Tea does.
func benchMessages(b *testing.B, m *Model, after tea.Msg, keys []tea.KeyPressMsg) {
	b.Helper()
	m.View()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		m.Update(keys[i%len(keys)])
		_ = m.View()
		if after != nil {
			m.Update(after)
			_ = m.View()
		}
	}
}

// openAt opens the form focused on a field, as after a server refusal.
func openAt(m *Model, field string) {
	m.openForm([]api.FieldError{{Field: field, Index: -1}})
}

var (
	typeX    = tea.KeyPressMsg{Code: 'x', Text: "x"}
	eraseKey = tea.KeyPressMsg{Code: tea.KeyBackspace}
	upKey    = tea.KeyPressMsg{Code: tea.KeyUp}
)

// BenchmarkKeystrokeName: a character typed in the application name, and
// the cancelled blink that follows it.
func BenchmarkKeystrokeName(b *testing.B) {
	m := benchModel(b, 2)
	openAt(m, api.FieldApplicationName)
	benchTyping(b, m, typeX, eraseKey)
}

// BenchmarkKeystrokeLinks: a character typed in the application URL.
func BenchmarkKeystrokeLinks(b *testing.B) {
	m := benchModel(b, 2)
	openAt(m, api.FieldApplicationURL)
	benchTyping(b, m, typeX, eraseKey)
}

// BenchmarkKeystrokeRedirectURIsPage: a character typed on the redirect URI
// page holding 100 URIs.
func BenchmarkKeystrokeRedirectURIsPage(b *testing.B) {
	m := benchModel(b, 100)
	openAt(m, api.FieldRedirectURIs)
	benchKeys(b, m, typeX, eraseKey)
}

// BenchmarkKeystrokeRedirectURIsPage1000: the same with 1000 URIs.
func BenchmarkKeystrokeRedirectURIsPage1000(b *testing.B) {
	m := benchModel(b, 1000)
	openAt(m, api.FieldRedirectURIs)
	benchKeys(b, m, typeX, eraseKey)
}

// BenchmarkKeystrokeScopes: an arrow key in the scopes multi-select.
func BenchmarkKeystrokeScopes(b *testing.B) {
	m := benchModel(b, 2)
	openAt(m, api.FieldAllowedScopes)
	benchKeys(b, m, keyDown, upKey)
}

// BenchmarkKeystrokeScopesToggle: a scope chosen, then unchosen.
func BenchmarkKeystrokeScopesToggle(b *testing.B) {
	m := benchModel(b, 2)
	openAt(m, api.FieldAllowedScopes)
	benchKeys(b, m, typeX, typeX)
}

// BenchmarkKeystrokeReview: a key on the review screen (one that changes
// nothing, as most keys there).
func BenchmarkKeystrokeReview(b *testing.B) {
	m := benchModel(b, 2)
	m.showReview()
	benchKeys(b, m, typeX)
}

// BenchmarkKeystrokeResult: a key on the result screen.
func BenchmarkKeystrokeResult(b *testing.B) {
	m := benchModel(b, 2)
	resp, _ := uitest.NewStubAPI().CreateOAuth2Client(context.Background(), *m.req)
	m.answered(createdMsg{resp: resp}, &submittingScreen{work: secretWork{req: *m.req}})
	benchKeys(b, m, typeX)
}
