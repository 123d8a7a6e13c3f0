package flow

import (
	"context"
	"fmt"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/domain/secretfile"
	"github.com/flexslot/flexslot-register/internal/clipboard"
)

// DefaultClipboardClear is how long a copied secret may stay in the system
// clipboard before the wizard clears it (if it still holds the secret).
const DefaultClipboardClear = 45 * time.Second

// DefaultSavePath is where the wizard offers to save the secret.
const DefaultSavePath = secretfile.DefaultPath

// API is what the interactive front ends need of the flexslot API; *api.Client has it.
type API interface {
	GetAccessToken(context.Context) (*api.AccessToken, error)
	GetPartner(context.Context) (*api.Partner, error)
	CreateOAuth2Client(context.Context, api.CreateClientRequest) (*api.CreateClientResponse, error)
	ListOAuth2Clients(context.Context) ([]api.OAuth2Client, error)
	RotateSecret(ctx context.Context, clientID string) (*api.CreateClientResponse, error)
	RequestScopes(context.Context, api.ScopeRequest) (*api.ScopeRequestAnswer, error)
	BaseURL() string
}

// Mode is what the wizard is for.
type Mode int

// Modes.
const (
	// ModeRegister registers a client (the default).
	ModeRegister Mode = iota
	// ModeRotate gives a confidential client a new secret.
	ModeRotate
)

// Config wires an interactive registration (the wizard's screens or the line
// prompts) to the world.
type Config struct {
	// Token is the personal access token (FLEXSLOT_TOKEN); the wizard asks for
	// one when it is empty, or when the server refuses it.
	Token string
	// Connect makes an API client for a token.
	Connect func(token string) (API, error)
	// Request holds the initial values of the form.
	Request api.CreateClientRequest
	// Clipboard is the system clipboard; nil means there is none.
	Clipboard clipboard.Clipboard
	// OSC52 allows copying through the terminal (OSC 52) when the system
	// clipboard fails.
	OSC52 bool
	// ClipboardClear is DefaultClipboardClear when 0.
	ClipboardClear time.Duration
	// SavePath is DefaultSavePath when empty.
	SavePath string
	// DraftPath is where the wizard offers to keep the answers of a
	// registration left before anything was sent; DefaultDraftPath when
	// empty.
	DraftPath string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Given names the request fields that flags or a manifest already gave:
	// pages that then ask for nothing missing are skipped (see asked).
	Given map[string]bool
	// SkipReview sends the request as soon as the form is done (--yes).
	SkipReview bool
	// BaseURL is the API the token is sent to; the header names it on every
	// screen when it is not api.DefaultBaseURL.
	BaseURL string
	// Mode is what the wizard does; ModeRegister when zero.
	Mode Mode
	// ClientID is the client whose secret ModeRotate rotates; "" lets the
	// user pick one.
	ClientID string
	// OpenBrowser opens a test sign-in's URL; signin.Browser when nil.
	OpenBrowser func(url string) error
	// CheckLinks is the go-live check (package golive) of the links and
	// redirect hosts, which the review runs and shows beside each field;
	// nil runs none.
	CheckLinks func(ctx context.Context, req api.CreateClientRequest) golive.Report
	// IfExists is what to do when a client of the request's name exists
	// already, as --if-exists says (WhenExists); "" lets the person choose
	// at the review.
	IfExists IfExists
	// LinksSkipped says on the review why no go-live check runs
	// (--offline); "" says nothing.
	LinksSkipped string
	// KeepToken keeps a token the person typed, once the pre-flight check
	// accepted it, for the next runs against this API (where login keeps
	// it), and says where it went. The front ends offer it once a run, never
	// for Token. nil never offers: under --sandbox, whose token is its own.
	KeepToken func(token string) (where string, err error)
}

// Format prints the configuration without its token, for every fmt verb.
func (c Config) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "flow.Config{Token: %s, Request: %+v}", redactedToken(c.Token), c.Request)
}

// redactedToken stands for a token in printed values.
func redactedToken(token string) string {
	if token == "" {
		return `""`
	}
	return "[redacted]"
}

// Outcome is how an interactive run ended, for main's exit code and summary.
type Outcome int

// Outcomes.
const (
	// OutcomeCancelled: the user left before anything was created (exit 2, or 1 when
	// the last create was refused: see Result.Refused).
	OutcomeCancelled Outcome = iota
	// OutcomeRegistered: a client was created (exit 0).
	OutcomeRegistered
	// OutcomeFailed: it could not be done (exit 1).
	OutcomeFailed
)

// Result is what an interactive run leaves behind.
type Result struct {
	Outcome Outcome
	// Created is the server's answer, secret included; nil unless registered.
	Created *api.CreateClientResponse
	// SavedTo is the file the secret was saved to, or "".
	SavedTo string
	// DraftSaved is the manifest the answers were kept in when the user
	// left before anything was sent, or "".
	DraftSaved string
	// Copied reports that the secret was copied to the system clipboard and
	// read back from it.
	Copied bool
	// SentOSC52 reports that the secret was sent to the terminal's clipboard
	// (OSC 52), which nothing confirms.
	SentOSC52 bool
	// ClipboardHoldsSecret reports that the system clipboard may still hold the
	// secret: its clear failed, or the program was stopped (a signal) before
	// it.
	ClipboardHoldsSecret bool
	// Err is why it failed, for OutcomeFailed.
	Err error
	// ErrSaid reports that Err was said already, where the person reads (the
	// line prompts say a failure as it happens): the end does not repeat it.
	ErrSaid bool
	// InFlight reports that the wizard was stopped (a signal) while a create
	// request was under way: the client may exist.
	InFlight bool
	// Rotated reports that Created is the answer to a rotation of an
	// existing client's secret, not a create.
	Rotated bool
	// Refused is the server's refusal of the run's last create (at a field,
	// a scope the partner lacks, the token), while nothing was created after
	// it, or what keeps the run from sending (a failed lookup of the name
	// under --if-exists): a run left then ends refused (exit 1), as the
	// scripted run does, not cancelled. A front end sets it with each refusal and clears it when
	// the request is sent again.
	Refused error
	// Existing is what the run did with a client of the request's name that
	// exists already, as Config.IfExists said (WhenExists), when the run
	// ended there: it ends with Existing.Code, and nothing was sent.
	Existing *Exists
}

// DefaultDraftPath is where a run offers to keep a half-done registration.
const DefaultDraftPath = "./flexslot-client.json"

// WithDefaults is c with every empty setting at its default: the same for the
// wizard and the line prompts.
func (c Config) WithDefaults() Config {
	if c.ClipboardClear == 0 {
		c.ClipboardClear = DefaultClipboardClear
	}
	if c.SavePath == "" {
		c.SavePath = DefaultSavePath
	}
	if c.DraftPath == "" {
		c.DraftPath = DefaultDraftPath
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
