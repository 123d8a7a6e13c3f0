package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
)

// keyMap holds the keys of our own screens; the help lines are generated from
// these bindings, so they cannot disagree with what the keys do.
type keyMap struct {
	// Form pages, besides the keys of the focused field.
	LeaveForm key.Binding
	// Review.
	Create, Edit, Curl, Cancel key.Binding
	// Review under an --if-exists decision (review_exists.go).
	RotateExisting, ReuseExisting, LeaveExisting, LeaveDecided, LookAgain key.Binding
	// The offer to keep a typed token (keeptoken.go).
	KeepToken, SkipToken, GoOnAfterToken key.Binding
	// Curl preview.
	Back   key.Binding
	scroll viewport.KeyMap
	// Submitting.
	Abort key.Binding
	// Result.
	CopySecret, CopyID, Save, Finish key.Binding
	// Leave confirmation.
	Leave, Stay key.Binding
	// Failure.
	Retry, Quit, RotateNow, CheckAgain key.Binding
	// Client picker and rotation.
	Up, Down, Pick, RotateConfirm key.Binding
	// Test sign-in.
	TestSignin, SigninBack key.Binding
	// A URL to open by hand: c on the sign-in screen, u on the result
	// screen, where c copies the secret.
	CopySigninURL, CopyAuthorizeURL key.Binding
	// Save prompt.
	Confirm, Dismiss key.Binding
	// Draft offer.
	KeepDraft, DropDraft key.Binding
	// Scope request.
	AskScopes, SendRequest key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		LeaveForm: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "leave")),

		Create: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Curl:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "show curl")),
		Cancel: key.NewBinding(key.WithKeys("esc", "q", "ctrl+c"), key.WithHelp("esc", "cancel")),

		RotateExisting: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "rotate its secret")),
		ReuseExisting:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "reuse it")),
		LeaveExisting:  key.NewBinding(key.WithKeys("esc", "q", "ctrl+c"), key.WithHelp("esc", "cancel")),
		LeaveDecided:   key.NewBinding(key.WithKeys("enter", "esc", "q", "ctrl+c"), key.WithHelp("enter", "leave")),
		LookAgain:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "look again")),

		KeepToken:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "keep it")),
		SkipToken:      key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n", "go on without")),
		GoOnAfterToken: key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "go on")),

		Back: key.NewBinding(key.WithKeys("esc", "p", "q"), key.WithHelp("esc", "back")),
		scroll: viewport.KeyMap{
			Up:           key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "scroll")),
			Down:         key.NewBinding(key.WithKeys("down", "j")),
			PageUp:       key.NewBinding(key.WithKeys("pgup")),
			PageDown:     key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/pgup", "page")),
			HalfPageUp:   key.NewBinding(key.WithDisabled()),
			HalfPageDown: key.NewBinding(key.WithDisabled()),
			Left:         key.NewBinding(key.WithDisabled()),
			Right:        key.NewBinding(key.WithDisabled()),
		},

		Abort: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "cancel")),

		CopySecret: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy secret")),
		CopyID:     key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "copy client id")),
		Save:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save to file")),
		Finish:     key.NewBinding(key.WithKeys("enter", "q", "esc", "ctrl+c"), key.WithHelp("enter", "finish")),

		Leave: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "leave")),
		Stay:  key.NewBinding(key.WithKeys("n", "esc", "enter"), key.WithHelp("n", "stay")),

		Retry: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		Quit:  key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", "quit")),

		RotateNow:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rotate secret")),
		CheckAgain: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "check again")),

		Up:            key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "choose")),
		Down:          key.NewBinding(key.WithKeys("down", "j")),
		Pick:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new secret for it")),
		RotateConfirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "rotate the secret")),

		TestSignin: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "test sign-in")),
		SigninBack: key.NewBinding(key.WithKeys("enter", "esc", "q"), key.WithHelp("enter", "back")),

		CopySigninURL:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy URL")),
		CopyAuthorizeURL: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "copy URL")),

		Confirm: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Dismiss: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),

		KeepDraft: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save the draft")),
		DropDraft: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "leave without saving")),

		AskScopes:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "ask for the scopes")),
		SendRequest: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send the request")),
	}
}
